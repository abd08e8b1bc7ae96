"""Word lists and phrase templates for the demo data (``store.demo``).

Kept apart from the generator so the prose can be improved without touching the logic. Every
list is a tuple, so its order (and so a seed's output) is fixed.

Placeholders used in note templates (filled per case and per note by the generator):
``{c}`` the client's first name (for a child's case or a family, the child's), ``{a}`` the
adult the worker deals with (the client, or a child's parent or carer), ``{fn}`` and ``{rel}``
a family member and how they are related ("Joanne", "mother"), ``{gp}``, ``{surgery}``,
``{school}``, ``{teacher}``, ``{hv}`` (health visitor), ``{ho}`` (housing officer), ``{prof}`` a
professional with role, ``{agency}``, ``{hagency}`` (housing), ``{block}`` a block of flats,
``{d}`` a recent past date, ``{fd}`` a follow-up date, ``{t}`` a time to come, ``{at}`` the
time of the contact itself, ``{amt}`` and ``{arrears}`` sums of money, ``{n}`` a small count
(2-4), ``{pct}`` a percentage.
"""

from __future__ import annotations

from typing import NamedTuple


class Background(NamedTuple):
    """Names common in one community in UK/US caseloads."""

    weight: int
    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]


# Weights are rough shares of a mixed urban caseload, not census figures.
BACKGROUNDS: tuple[Background, ...] = (
    Background(
        26,
        (
            "Olivia",
            "Amelia",
            "Chloe",
            "Jessica",
            "Lauren",
            "Charlotte",
            "Emily",
            "Sophie",
            "Hannah",
            "Megan",
            "Kelly",
            "Stacey",
            "Leanne",
            "Jade",
            "Paige",
            "Tracey",
            "Joanne",
            "Margaret",
            "Doreen",
            "Lily",
            "Ruby",
            "Poppy",
            "Zoë",
            "Chloë",
            "Kayleigh",
            "Demi",
        ),
        (
            "Jack",
            "Harry",
            "Oliver",
            "George",
            "Liam",
            "Kyle",
            "Callum",
            "Jordan",
            "Dean",
            "Craig",
            "Wayne",
            "Lee",
            "Darren",
            "Ryan",
            "Mason",
            "Alfie",
            "Tyler",
            "Reece",
            "Brandon",
            "Keith",
            "Derek",
            "Ronald",
            "Noah",
            "Archie",
            "Connor",
            "Jake",
        ),
        (
            "Smith",
            "Jones",
            "Taylor",
            "Brown",
            "Wilson",
            "Johnson",
            "Walker",
            "Wright",
            "Robinson",
            "Thompson",
            "White",
            "Hughes",
            "Edwards",
            "Green",
            "Hall",
            "Wood",
            "Harris",
            "Clarke",
            "Jackson",
            "Turner",
            "Hill",
            "Moore",
            "Cooper",
            "Ward",
            "Bailey",
            "Parker",
            "Shaw",
            "Holmes",
            "Barker",
            "Fletcher",
            "Marsh",
            "Pickering",
            "Dawson",
        ),
    ),
    Background(
        6,
        ("Eilidh", "Morag", "Kirsty", "Ailsa", "Isla", "Catriona", "Mhairi", "Shona", "Iona"),
        (
            "Iain",
            "Ruaridh",
            "Fraser",
            "Alasdair",
            "Callum",
            "Euan",
            "Hamish",
            "Lachlan",
            "Angus",
            "Murdo",
        ),
        (
            "MacDonald",
            "McLeod",
            "Campbell",
            "Stewart",
            "Fraser",
            "MacKenzie",
            "Robertson",
            "Ross",
            "Munro",
            "McIntyre",
            "Grant",
            "Baird",
            "Sinclair",
            "McCallum",
        ),
    ),
    Background(
        7,
        (
            "Siobhán",
            "Aoife",
            "Niamh",
            "Róisín",
            "Caoimhe",
            "Saoirse",
            "Orla",
            "Bríd",
            "Sinéad",
            "Clodagh",
            "Áine",
        ),
        (
            "Seán",
            "Ciarán",
            "Pádraig",
            "Oisín",
            "Cathal",
            "Darragh",
            "Eoin",
            "Tadhg",
            "Declan",
            "Colm",
        ),
        (
            "O'Brien",
            "O'Sullivan",
            "Murphy",
            "Kelly",
            "Byrne",
            "Ryan",
            "O'Connor",
            "Doyle",
            "McCarthy",
            "Gallagher",
            "Ó Briain",
            "Fitzgerald",
            "Quinn",
            "Nolan",
            "Brennan",
        ),
    ),
    Background(
        5,
        ("Siân", "Rhiannon", "Ffion", "Cerys", "Eleri", "Nia", "Megan", "Bethan", "Angharad"),
        ("Dafydd", "Rhys", "Gethin", "Owain", "Emyr", "Iwan", "Huw", "Gareth", "Aled"),
        (
            "Jones",
            "Evans",
            "Williams",
            "Davies",
            "Pritchard",
            "Griffiths",
            "Llewellyn",
            "Morgan",
            "Gruffudd",
            "Price",
            "Powell",
            "Bowen",
            "Lloyd",
        ),
    ),
    Background(
        12,
        (
            "Priya",
            "Ananya",
            "Fatima",
            "Ayesha",
            "Zainab",
            "Sana",
            "Nusrat",
            "Harpreet",
            "Simran",
            "Deepa",
            "Shabana",
            "Rukhsana",
            "Kiran",
            "Meera",
            "Anjali",
            "Samira",
        ),
        (
            "Arjun",
            "Imran",
            "Mohammed",
            "Aryan",
            "Rahul",
            "Bilal",
            "Zubair",
            "Harjit",
            "Gurpreet",
            "Vikram",
            "Tariq",
            "Shahid",
            "Sanjay",
            "Rohan",
            "Abdul",
            "Kamran",
        ),
        (
            "Patel",
            "Khan",
            "Begum",
            "Hussain",
            "Ahmed",
            "Chaudhry",
            "Singh",
            "Kaur",
            "Sharma",
            "Iqbal",
            "Mistry",
            "Rahman",
            "Uddin",
            "Bibi",
            "Malik",
            "Gill",
            "Sandhu",
            "Nair",
            "Desai",
            "Akhtar",
        ),
    ),
    Background(
        6,
        (
            "Małgorzata",
            "Agnieszka",
            "Katarzyna",
            "Joanna",
            "Zofia",
            "Magdalena",
            "Ewa",
            "Dorota",
            "Natalia",
            "Wiktoria",
        ),
        (
            "Łukasz",
            "Piotr",
            "Tomasz",
            "Paweł",
            "Krzysztof",
            "Michał",
            "Jakub",
            "Grzegorz",
            "Wojciech",
            "Mateusz",
        ),
        (
            "Kowalski",
            "Nowak",
            "Wiśniewski",
            "Wójcik",
            "Kowalczyk",
            "Kamiński",
            "Lewandowski",
            "Zieliński",
            "Szymański",
            "Dąbrowski",
            "Kozłowski",
            "Jankowski",
            "Mazur",
            "Krawczyk",
        ),
    ),
    Background(
        4,
        ("Ioana", "Andreea", "Elena", "Mihaela", "Alexandra", "Ștefania", "Roxana", "Bianca"),
        ("Andrei", "Ionuț", "Mihai", "Ștefan", "Florin", "Bogdan", "Cristian", "Răzvan"),
        (
            "Popescu",
            "Ionescu",
            "Dumitrescu",
            "Stan",
            "Constantin",
            "Țurcanu",
            "Munteanu",
            "Rădulescu",
            "Stoica",
            "Moldovan",
            "Lungu",
        ),
    ),
    Background(
        7,
        (
            "Ngozi",
            "Chiamaka",
            "Funmilayo",
            "Adaeze",
            "Oluwaseun",
            "Temitope",
            "Blessing",
            "Ifeoma",
            "Yetunde",
            "Folasade",
            "Chioma",
        ),
        (
            "Chinedu",
            "Adebayo",
            "Emeka",
            "Oluwadamilare",
            "Tunde",
            "Obinna",
            "Ikenna",
            "Babatunde",
            "Kelechi",
            "Femi",
            "Segun",
        ),
        (
            "Okafor",
            "Adeyemi",
            "Okonkwo",
            "Bello",
            "Adebayo",
            "Eze",
            "Nwosu",
            "Olawale",
            "Oyelaran",
            "Chukwu",
            "Afolabi",
            "Ogunleye",
            "Obi",
        ),
    ),
    Background(
        4,
        ("Hodan", "Ayaan", "Sahra", "Fadumo", "Hibo", "Khadra", "Amina", "Ubah", "Nasra"),
        ("Abdirahman", "Mohamed", "Abdullahi", "Yusuf", "Ahmed", "Hassan", "Liban", "Mahad"),
        (
            "Farah",
            "Warsame",
            "Hassan",
            "Abdi",
            "Omar",
            "Jama",
            "Ali",
            "Osman",
            "Mohamud",
            "Aden",
            "Ismail",
        ),
    ),
    Background(
        6,
        (
            "Marcia",
            "Shanice",
            "Tanisha",
            "Jasmine",
            "Keisha",
            "Simone",
            "Beverley",
            "Carlene",
            "Precious",
            "Janelle",
        ),
        (
            "Delroy",
            "Winston",
            "Jermaine",
            "Marlon",
            "Tyrone",
            "Leon",
            "Andre",
            "Desmond",
            "Kemar",
            "Jamal",
        ),
        (
            "Campbell",
            "Thompson",
            "Williams",
            "Grant",
            "Francis",
            "Henry",
            "Brown",
            "Reid",
            "Samuels",
            "Richards",
            "Clarke",
            "Forbes",
            "Bennett",
            "McKenzie",
        ),
    ),
    Background(
        4,
        ("Wei", "Mei", "Xiu Ying", "Li Na", "Jing", "Yan", "Hui Min", "Lan"),
        ("Wei", "Jun", "Hao", "Ming", "Jian", "Tao", "Chen", "Kai"),
        ("Chen", "Wang", "Li", "Zhang", "Liu", "Wong", "Chan", "Lam", "Huang", "Zhou", "Ng"),
    ),
    Background(
        5,
        (
            "María",
            "Sofía",
            "Lucía",
            "Valentina",
            "Camila",
            "Guadalupe",
            "Ana",
            "Isabel",
            "Mercedes",
            "Rocío",
        ),
        (
            "José",
            "Luis",
            "Carlos",
            "Javier",
            "Mateo",
            "Santiago",
            "Andrés",
            "Alejandro",
            "Jesús",
            "Raúl",
        ),
        (
            "García",
            "Rodríguez",
            "Núñez",
            "Hernández",
            "López",
            "Martínez",
            "Pérez",
            "Sánchez",
            "Gómez",
            "Díaz",
            "Ramírez",
            "Torres",
            "Castillo",
            "Ortega",
        ),
    ),
    Background(
        5,
        ("Layla", "Noor", "Mariam", "Yasmin", "Huda", "Rania", "Salma", "Dalia", "Amal"),
        ("Omar", "Ali", "Khaled", "Youssef", "Karim", "Hamza", "Tariq", "Samir", "Nabil"),
        (
            "Al-Sayed",
            "Haddad",
            "Nasser",
            "Khalil",
            "Mansour",
            "Hamdan",
            "Saleh",
            "Al-Amin",
            "Darwish",
            "Aziz",
            "El-Masri",
        ),
    ),
    Background(
        3,
        ("Anneliese", "Greta", "Lena", "Käthe", "Ingrid", "Jana"),
        ("Jürgen", "Klaus", "Stefan", "Lukas", "Matthias", "Dieter"),
        ("Müller", "Schröder", "Schäfer", "Becker", "Fischer", "Weiß", "Köhler", "Krüger"),
    ),
    Background(
        3,
        ("Elif", "Zeynep", "Ayşe", "Gülşen", "Merve", "Büşra"),
        ("Gökhan", "Mehmet", "Emre", "Oğuz", "Burak", "Murat"),
        # The dotless i in these is the Turkish letter, not a typo.
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın"),  # noqa: RUF001
    ),
    Background(
        3,
        ("João", "Inês", "Conceição", "Beatriz", "Mariana", "Margarida"),
        ("João", "Tiago", "Gonçalo", "Rui", "Nuno", "Duarte"),
        ("Conceição", "Gonçalves", "Ferreira", "Pereira", "Magalhães", "Simões", "Araújo"),
    ),
    Background(
        2,
        ("Thảo", "Linh", "Huyền", "Ngọc", "Trang"),
        ("Minh", "Tuấn", "Dũng", "Quang", "Huy"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ"),
    ),
)

# Demo staff; usernames are made from these ("priya.nair").
STAFF: tuple[str, ...] = (
    "Priya Nair",
    "Tom Gallagher",
    "Aisha Bello",
    "Gareth Evans",
    "Marta Kowalczyk",
    "Daniel Osei",
    "Fiona MacLeod",
    "Hannah Brooks",
    "Yusuf Ahmed",
    "Chloe Turner",
    "Sinéad Walsh",
    "Ben Adeyemi",
    "Rachel Goldberg",
    "Kwame Mensah",
    "Laura Pritchard",
    "Imran Qureshi",
    "Jenny Lam",
    "Mark Donnelly",
    "Sofia Romano",
    "Owen Hughes",
    "Nadia Haddad",
    "Craig Robertson",
    "Helen Whitaker",
    "Amara Nwosu",
    "Luis Herrera",
    "Beth Carver",
    "Ravi Menon",
    "Kate Sullivan",
    "Joe Fairbanks",
    "Leila Farouk",
)

# Towns with their postcode area and plausible district numbers.
TOWNS: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    ("Leeds", "LS", (2, 4, 6, 7, 8, 9, 11, 12, 14, 15)),
    ("Bradford", "BD", (3, 5, 7, 8, 9)),
    ("Manchester", "M", (8, 9, 11, 13, 14, 16, 19, 22, 40)),
    ("Salford", "M", (5, 6, 7)),
    ("Sheffield", "S", (2, 3, 4, 5, 8, 9, 13)),
    ("Birmingham", "B", (5, 8, 10, 11, 12, 20, 21, 23, 33)),
    ("Bristol", "BS", (2, 3, 4, 5, 7, 11, 13, 16)),
    ("Cardiff", "CF", (3, 5, 10, 11, 14, 24)),
    ("Swansea", "SA", (1, 2, 5, 6)),
    ("Glasgow", "G", (3, 4, 11, 20, 21, 31, 33, 42, 51)),
    ("Edinburgh", "EH", (4, 6, 7, 8, 11, 16, 17)),
    ("Dundee", "DD", (2, 3, 4)),
    ("Belfast", "BT", (5, 6, 9, 11, 12, 14, 15)),
    ("Leicester", "LE", (2, 3, 4, 5)),
    ("Nottingham", "NG", (3, 5, 6, 7, 8, 11)),
    ("Liverpool", "L", (4, 5, 6, 7, 8, 11, 13, 15)),
    ("Newcastle upon Tyne", "NE", (4, 5, 6, 15)),
    ("Hull", "HU", (3, 5, 7, 8, 9)),
    ("Coventry", "CV", (1, 2, 3, 6)),
    ("Norwich", "NR", (2, 3, 5, 6, 7)),
    ("Plymouth", "PL", (1, 2, 4, 5, 6)),
    ("Luton", "LU", (1, 2, 3, 4)),
    ("Stoke-on-Trent", "ST", (1, 3, 4, 6)),
    ("Southampton", "SO", (14, 15, 16, 17, 19)),
    ("Preston", "PR", (1, 2, 5)),
    ("Wolverhampton", "WV", (1, 2, 3, 4, 10)),
    ("London", "E", (1, 3, 5, 7, 9, 13, 15, 17)),
    ("London", "SE", (5, 6, 8, 13, 15, 28)),
    ("London", "N", (1, 4, 7, 9, 15, 17, 18)),
)

STREETS: tuple[str, ...] = (
    "Carlton",
    "Victoria",
    "Mill",
    "Station",
    "Church",
    "Park",
    "Albert",
    "Queen's",
    "Granville",
    "Beech",
    "Elm",
    "Oakfield",
    "Holly",
    "Ashbourne",
    "Cavendish",
    "Stanley",
    "Derwent",
    "Windsor",
    "Grove",
    "Hawthorn",
    "Meadow",
    "Springfield",
    "Hollins",
    "Brook",
    "Heather",
    "Rowan",
    "Cromwell",
    "Gladstone",
    "Nelson",
    "Kingsley",
    "Lime",
    "Chapel",
    "Clifton",
    "Moorland",
    "Sycamore",
    "Thornhill",
    "Laburnum",
    "Pendle",
    "Harehills",
    "Bankside",
    "Fairfield",
    "Belgrave",
    "Coronation",
    "Riverside",
    "Wellington",
    "Tudor",
    "Marlborough",
    "Larch",
    "St John's",
    "St Mary's",
    "Bramley",
    "Clarendon",
    "Redcliffe",
)
STREET_KINDS: tuple[str, ...] = (
    "Road",
    "Road",
    "Road",
    "Street",
    "Street",
    "Avenue",
    "Close",
    "Way",
    "Crescent",
    "Gardens",
    "Lane",
    "Terrace",
    "Drive",
    "Court",
    "Place",
    "Walk",
    "Grove",
    "Mount",
)
BLOCKS: tuple[str, ...] = (
    "Kestrel House",
    "Linden Court",
    "Marsh Tower",
    "Alder House",
    "Ferndale Court",
    "Brunswick House",
    "Pennine View",
    "Harbour Court",
    "Lister House",
    "Acorn House",
)
# Letters that never appear in the last part of a UK postcode.
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

SURGERY_NAMES: tuple[str, ...] = (
    "Hillside Surgery",
    "Park Road Medical Centre",
    "Woodlands Health Centre",
    "Northfield Practice",
    "The Grange Surgery",
    "Riverside Medical Practice",
    "Chapeltown Health Centre",
    "Millbrook Surgery",
    "Oakwood Family Practice",
)
SCHOOL_NAMES: tuple[str, ...] = (
    "Oakfield Primary School",
    "St Mary's Catholic Primary",
    "Westfield Academy",
    "Brookside Primary",
    "Highcliffe High School",
    "Meadowbank Primary",
    "Parkside Community School",
    "St Anne's C of E Primary",
    "Northgate Academy",
    "Riverside Pupil Referral Unit",
    "Harewood Infant School",
    "Castle Hill High School",
)
SURNAMES_FOR_PROFESSIONALS: tuple[str, ...] = (
    "Reid",
    "Mistry",
    "Okoro",
    "Lewis",
    "Price",
    "Cole",
    "Bradshaw",
    "Fenwick",
    "Iqbal",
    "Morrison",
    "Achterberg",
    "Dunne",
    "Kapoor",
    "Sutherland",
    "Whitfield",
    "Osei",
    "Lowe",
)
FIRST_FOR_PROFESSIONALS: tuple[str, ...] = (
    "Sarah",
    "Karen",
    "Dan",
    "Asha",
    "Martin",
    "Gemma",
    "Paul",
    "Nicola",
    "Farida",
    "Steve",
    "Joanna",
    "Rob",
    "Leanne",
    "Vikram",
    "Claire",
    "Andy",
)
PROFESSIONAL_ROLES_CHILD: tuple[str, ...] = (
    "school nurse",
    "speech and language therapist",
    "designated safeguarding lead",
    "family support worker",
    "CAMHS practitioner",
    "police PVP officer",
    "early help coordinator",
    "paediatrician",
)
PROFESSIONAL_ROLES_ADULT: tuple[str, ...] = (
    "community psychiatric nurse",
    "tenancy support worker",
    "occupational therapist",
    "probation officer",
    "drug and alcohol worker",
    "district nurse",
    "debt adviser",
    "employment support worker",
)

AGENCIES: tuple[str, ...] = (
    "Citizens Advice",
    "the local food bank",
    "StepChange",
    "Women's Aid",
    "Mind",
    "Turning Point",
    "Age UK",
    "the Trussell food bank",
    "Jobcentre Plus",
    "Home-Start",
    "Barnardo's",
    "the Samaritans",
    "the council's welfare rights team",
    "Refuge",
    "the community mental health team",
    "Shelter",
    "Family Action",
    "the Red Cross",
)
HOUSING_AGENCIES: tuple[str, ...] = (
    "Shelter",
    "the council's housing options team",
    "Family Promise",
    "St Mungo's",
    "Crisis",
    "Centrepoint",
    "the homeless prevention team",
    "a local housing association",
)

CHILD_CARERS: tuple[tuple[str, str], ...] = (
    ("mother", "f"),
    ("mother", "f"),
    ("mother", "f"),
    ("father", "m"),
    ("grandmother", "f"),
    ("foster carer", "f"),
    ("aunt", "f"),
    ("stepfather", "m"),
    ("father", "m"),
)
ADULT_RELATIVES: tuple[tuple[str, str], ...] = (
    ("daughter", "f"),
    ("son", "m"),
    ("partner", "x"),
    ("sister", "f"),
    ("brother", "m"),
    ("neighbour", "x"),
    ("mother", "f"),
    ("husband", "m"),
    ("wife", "f"),
    ("son", "m"),
)

NOTE_TYPES: tuple[str, ...] = (
    "home visit",
    "office visit",
    "phone call",
    "video call",
    "email",
    "letter",
    "text message",
    "meeting",
    "case note",
)
# Relative frequency of each note type, in NOTE_TYPES order.
NOTE_TYPE_WEIGHTS: tuple[int, ...] = (22, 8, 26, 4, 10, 3, 9, 8, 10)
# Note types whose record names the people present.
PRESENT_TYPES: frozenset[str] = frozenset({"home visit", "office visit", "video call", "meeting"})


# How each kind of note begins. Empty strings mean "straight into the substance".
OPENERS: dict[str, tuple[str, ...]] = {
    "home visit": (
        "Planned home visit. {c} and {fn} ({rel}) were at home.",
        "Home visit at {at}. {a} answered the door and was expecting me.",
        "Unannounced home visit following the call from {agency} on {d}.",
        "Home visit as agreed at the last contact. Home warm and tidy; food in the fridge.",
        "Home visit. Spoke with {c} alone first, then with {fn} ({rel}).",
        "Home visit at {at}; {fn} ({rel}) present throughout.",
        "Joint home visit with {prof}.",
        "Home visit at {at}. Curtains closed; {a} took several minutes to answer.",
    ),
    "office visit": (
        "{a} attended the office at {at} for a booked appointment.",
        "{a} called in to the office without an appointment and was seen by me.",
        "Office appointment with {c} and {fn} ({rel}).",
        "{a} attended the office with letters to go through.",
    ),
    "phone call": (
        "Phone call from {a}.",
        "Called {a} on the mobile number held.",
        "Phone call from {fn} ({rel}).",
        "Returned {a}'s call from {d}.",
        "Telephone contact with {a} (about {n}0 minutes).",
        "Call from {prof}.",
        "Called {ho}, housing officer, about the tenancy.",
    ),
    "video call": (
        "Video call with {a} (Teams), as {a} preferred not to travel.",
        "Video call with {c} and {fn}.",
        "Video call with {a}; the connection dropped twice but the call was completed.",
    ),
    "meeting": (
        "Professionals meeting held at the office; chaired by me.",
        "Core group meeting at the family centre.",
        "Multi-agency meeting with {prof}, {a} and me.",
        "Case coordination meeting at {surgery} with {gp}.",
        "Network meeting with {c}, {fn} and {prof}.",
    ),
    "case note": ("", "Case recording.", "Management oversight discussed in supervision on {d}."),
}

# Notes that stand alone: short messages and letters, and contacts that did not happen.
SHORT_NOTES: dict[str, tuple[str, ...]] = {
    "phone call": (
        "Called {a}; no answer. Voicemail left asking {a} to call back before {fd}.",
        "Called {a} to confirm the visit on {fd} at {t}. Confirmed.",
        "{a} called to rearrange the visit on {d}; new date agreed for {fd} at {t}.",
        "Called {surgery} for an update on {c}'s appointment; receptionist to pass the "
        "message to {gp}. Will chase on {fd} if no reply.",
        "Called {agency} to check the referral sent on {d}. Referral received; waiting list "
        "about {n} weeks.",
        "Attempted call to {a} at {at}; number not recognised. Text sent asking for a new number.",
    ),
    "email": (
        "Email sent to {prof} with the minutes of the meeting on {d}.",
        "Email from {agency} confirming an appointment for {a} on {fd}.",
        "Email to {ho} asking for a copy of the rent statement. Reply awaited.",
        "Emailed {gp} asking for a summary of recent appointments, with consent signed by "
        "{a} on {d}.",
        "Email to {a} with the list of local food banks and opening times, as requested.",
        "Email from {prof}: no concerns raised at the appointment on {d}.",
        "Forwarded the completed referral form to {agency}; receipt acknowledged.",
    ),
    "letter": (
        "Letter sent to {a} confirming the appointment on {fd} at {t}.",
        "Letter sent to {a} after two missed visits, asking for contact by {fd}.",
        "Letter of support sent to {ho} for the housing application.",
        "Letter received from the DWP confirming the award backdated to {d}. Copy on file.",
        "Letter from {surgery} confirming {c} is registered with {gp}.",
    ),
    "text message": (
        "Text sent to {a} reminding of the appointment on {fd} at {t}.",
        "Text from {a}: unable to make {fd}, asked to rearrange. Replied offering {t} the "
        "following day.",
        "Text from {a} confirming the food bank voucher was used.",
        "Texted {a} the address and opening times of {agency}.",
        "Text from {fn} ({rel}) to say {c} is unwell and asking to postpone the visit.",
        "Text to {a} confirming I will visit on {fd} at {t}.",
    ),
    "case note": (
        "Case file reviewed. Chronology and case summary updated.",
        "Closure planning started: discussed with {a} on {d} which services can be "
        "contacted directly after closure.",
        "Discussed the case in supervision on {d}. Agreed to continue weekly visits and "
        "review at the next core group.",
        "Consent to share information with {agency} signed by {a} on {d}; copy scanned.",
        "Case file read in full before the review; home visit booked for {fd}.",
        "Assessment updated following the visit on {d}.",
    ),
}


class Topic(NamedTuple):
    """An area of work: routine sentences for ordinary notes, events for significant ones.

    A routine sentence starting "[home] " only fits a home visit, "[seen] " any contact in
    person (or on video); the generator strips the marker.

    Child topics speak of ``{c}`` (the child) and ``{fn}`` (the parent or carer); adult topics
    of ``{c}`` (the client) and ``{fn}`` (a relative or friend).
    """

    category: str  # chronology category for significant notes
    child: bool  # for children's cases (True) or adults' (False)
    min_age: int
    max_age: int
    concern: str  # how a closing summary names the reason for involvement
    routine: tuple[str, ...]
    events: tuple[tuple[str, str], ...]  # (chronology title, note text)


TOPICS: tuple[Topic, ...] = (
    Topic(
        "housing",
        False,
        18,
        120,
        "rent arrears and the risk of losing the tenancy",
        (
            "{c} reported rent arrears of {arrears}. Explored options; {c} agreed to a "
            "referral to {agency} for debt advice.",
            "[home] Discussed the damp in the back bedroom. {c} has reported it to the landlord "
            "twice (last on {d}); I agreed to write in support.",
            "{c} has kept to the repayment plan of {amt} a week towards the arrears.",
            "Housing register band confirmed as band {n}. {c} is bidding weekly and "
            "understands the likely waiting time.",
            "[seen] {c} showed me the letter from the landlord dated {d}. No notice has been "
            "served.",
            "Talked through the move to temporary accommodation. {c} is worried about the "
            "distance from {fn} ({rel}); I will raise it with {ho}.",
            "[seen] Completed the discretionary housing payment form with {c}; sent the same day.",
            "Heating working again after the repair on {d}.",
        ),
        (
            (
                "Eviction notice received",
                "{c} reported receiving an eviction notice on {d}. Explored shelter options; {c} "
                "agreed to a referral to {hagency}. Follow-up {fd}.",
            ),
            (
                "Section 21 notice served",
                "{c} showed me a section 21 notice dated {d}, expiring in two months. Referral "
                "made to {hagency}; I will call {ho} before {fd}.",
            ),
            (
                "Moved to temporary accommodation",
                "{c} moved to temporary accommodation at {block} on {d}. Room seen; basic "
                "furniture in place. Follow-up visit {fd}.",
            ),
            (
                "Offer of permanent tenancy",
                "{c} was offered a one-bedroom tenancy with a housing association on {d} and has "
                "accepted. Sign-up on {fd}.",
            ),
        ),
    ),
    Topic(
        "housing",
        True,
        0,
        17,
        "overcrowded and unsafe housing",
        (
            "{fn} ({rel}) reported rent arrears of {arrears}; referral to {agency} for debt "
            "advice agreed.",
            "[home] Black mould on the wall of {c}'s bedroom. {fn} has reported it to the landlord "
            "(last on {d}); I will write in support.",
            "{fn} is worried a move to temporary accommodation would mean {c} changing school.",
            "Family of four sharing two rooms. Overcrowding letter sent to {ho}.",
            "{fn} has kept to the repayment plan of {amt} a week towards the arrears.",
            "Food bank voucher issued to {fn}; collection on {fd}.",
        ),
        (
            (
                "Family made homeless",
                "{fn} ({rel}) reported on {d} that the family had been asked to leave by the "
                "landlord. Emergency placement arranged through {hagency}. Visit {fd}.",
            ),
            (
                "Moved to temporary accommodation",
                "{fn} and {c} moved to temporary accommodation at {block} on {d}. Room seen; "
                "cot and beds in place. Follow-up visit {fd}.",
            ),
        ),
    ),
    Topic(
        "finance",
        False,
        18,
        120,
        "debt and loss of income",
        (
            "[seen] Went through {c}'s bank statement together; outgoings exceed income by about "
            "{n}0 pounds a week.",
            "{c} has applied for Universal Credit; the first payment is due on {fd}.",
            "Issued a food bank voucher. {c} will collect on {fd}.",
            "[seen] Helped {c} complete the PIP form (sections 3 to 9). {c} will post it by {fd}.",
            "{c} received {amt} from the hardship fund on {d}.",
            "Discussed the doorstep loan; {c} agreed not to borrow further and to see "
            "{agency} on {fd}.",
            "Council tax reduction applied for; decision awaited.",
        ),
        (
            (
                "Benefit sanction applied",
                "{c} reported that Universal Credit was sanctioned from {d} for a missed "
                "appointment. Helped {c} request a mandatory reconsideration; hardship payment "
                "applied for. Follow-up {fd}.",
            ),
            (
                "PIP awarded",
                "Letter seen: PIP awarded at the standard rate, backdated to {d}. {c} plans to "
                "use the back payment to clear the gas arrears.",
            ),
            (
                "Debt relief order approved",
                "{c} confirmed the debt relief order was approved on {d}. Creditors notified by "
                "{agency}.",
            ),
        ),
    ),
    Topic(
        "health",
        False,
        18,
        120,
        "health needs and missed medical appointments",
        (
            "{c} has an appointment with {gp} on {fd} about the ongoing chest pain.",
            "Medication taken as prescribed; blister pack checked and up to date.",
            "{c} missed the hospital appointment on {d}. We called together and rebooked for {fd}.",
            "{c} said sleep has improved since the change of medication on {d}.",
            "Discussed diet and blood sugar monitoring; {c} is recording readings daily and "
            "showed me the diary for the last week.",
            "Dental appointment booked for {fd}; {fn} ({rel}) will go with {c}.",
            "{c} attended {n} of the last 4 physiotherapy sessions.",
        ),
        (
            (
                "Admitted to hospital",
                "{fn} ({rel}) called to say {c} was admitted to hospital on {d} after a fall. "
                "Ward contacted; discharge planning meeting expected on {fd}.",
            ),
            (
                "Diagnosis confirmed",
                "{c} told me {gp} confirmed a diagnosis of type 2 diabetes on {d}. Referral to "
                "the diabetes education course made; first session {fd}.",
            ),
            (
                "Discharged from hospital",
                "{c} was discharged home on {d}. Package of care in place from {fd}; district "
                "nurse visiting twice a week.",
            ),
        ),
    ),
    Topic(
        "health",
        False,
        16,
        85,
        "mental health and low mood",
        (
            "{c} described mood as low this week and scored it 4 out of 10. No thoughts of "
            "self-harm reported. Safety plan reviewed.",
            "{c} has attended {n} sessions of talking therapy and finds them helpful.",
            "{c} was more settled today; spoke about starting the volunteering role on {fd}.",
            "{c} has not been leaving the flat except for shopping. Agreed a short walk "
            "together at the next visit.",
            "Spoke with {prof} about the care plan review; no changes.",
            "{c} said the voices have been quieter since the depot injection on {d}.",
        ),
        (
            (
                "Mental health crisis",
                "{fn} ({rel}) reported on {d} that {c} had not eaten for two days and had spoken "
                "of ending their life. Crisis team contacted and visited the same evening. "
                "Follow-up with {prof} on {fd}.",
            ),
            (
                "Detained under the Mental Health Act",
                "Informed by the ward that {c} was detained under section 2 on {d}. Nearest "
                "relative ({fn}) informed. I will attend the ward round on {fd}.",
            ),
        ),
    ),
    Topic(
        "safeguarding",
        True,
        0,
        17,
        "concerns about the care of the children",
        (
            '[home] Saw {c} alone in the bedroom. {c} said things at home are "better" and named '
            "{fn} as the adult to go to if worried.",
            "[home] Bedroom seen: bed, clean bedding, clothes in drawers. Smoke alarm tested and "
            "working.",
            "{fn} ({rel}) is attending the parenting course; {n} of 8 sessions completed.",
            "[home] Went through the safety plan with {fn}; it is on the fridge and {fn} could "
            "explain it.",
            "[home] No marks or injuries seen. {c} was playing with a toy garage and chatted about "
            "a birthday party.",
            "{fn} confirmed that the former partner has not been to the house since {d}.",
            "Checked with the nursery/school: no concerns this week; {c} arrived on time each day.",
        ),
        (
            (
                "Strategy discussion held",
                "Strategy discussion held on {d} with police and {prof} after {c} disclosed "
                "being hit by an adult at home. Section 47 enquiry agreed; joint visit on {fd}.",
            ),
            (
                "Child protection conference",
                "Initial child protection conference on {d}. {c} made subject to a child "
                "protection plan under the category of neglect. First core group {fd}.",
            ),
            (
                "Child protection plan ended",
                "Review conference on {d} agreed {c} no longer needs a child protection plan. "
                "Stepped down to a child in need plan; next review {fd}.",
            ),
            (
                "Domestic abuse incident reported",
                "Police notification received on {d}: domestic incident at the home, {c} "
                "present. Spoke with {fn}; referral to {agency} agreed. Visit {fd}.",
            ),
        ),
    ),
    Topic(
        "education",
        True,
        5,
        17,
        "school attendance and behaviour",
        (
            "{teacher} at {school} reported attendance of {pct}% since the start of term.",
            "{c} has been late {n} times this month. Talked with {fn} about the morning "
            "routine; {fn} will set an alarm and walk {c} to the gate.",
            "[seen] {c} showed me a certificate from {school} for effort in maths.",
            "Education, health and care plan review booked for {fd}.",
            "{c} said lunchtimes are hard because of comments from other pupils; I agreed to "
            "raise it with {teacher}.",
            "Transport to {school} in place; {c} has used it every day since {d}.",
            "Email from {teacher} at {school}: attendance this half term is {pct}%.",
        ),
        (
            (
                "Suspension from school",
                "{school} suspended {c} for three days from {d} after an incident in class. "
                "Reintegration meeting on {fd}; I will attend with {fn}.",
            ),
            (
                "School place confirmed",
                "{c} was offered a place at {school} on {d}. Start date {fd}; uniform grant "
                "applied for.",
            ),
        ),
    ),
    Topic(
        "family",
        False,
        18,
        120,
        "family relationships and support",
        (
            "{c} and {fn} ({rel}) talked about the arguments at weekends. Both agreed to try "
            "the family group conference offered by {agency}.",
            "{fn} ({rel}) is now helping with shopping twice a week.",
            "Genogram updated with {c}; {fn} ({rel}) is the main support.",
            "{c} wants more contact with {fn}. Explained how mediation works and gave the "
            "service's number.",
            "{fn} said supporting {c} is becoming harder; carer's assessment offered and accepted.",
        ),
        (
            (
                "Family group conference",
                "Family group conference held on {d}. The family's plan agreed: {fn} to stay "
                "with {c} at weekends. Review {fd}.",
            ),
            (
                "Carer's assessment completed",
                "Carer's assessment completed with {fn} on {d}. Respite of one night a month "
                "agreed from {fd}.",
            ),
        ),
    ),
    Topic(
        "family",
        True,
        0,
        17,
        "family relationships and contact",
        (
            "Contact between {c} and the other parent took place on {d} at the family centre "
            "and went well.",
            "{fn} ({rel}) and {c} agreed to try the family group conference offered by {agency}.",
            "Genogram updated with {fn}; maternal grandmother identified as a support.",
            "{c} asked for more time with siblings; I will discuss it at the review on {fd}.",
        ),
        (
            (
                "Family group conference",
                "Family group conference held on {d}. The family's plan agreed: grandparents to "
                "look after {c} two nights a week. Review {fd}.",
            ),
        ),
    ),
    Topic(
        "legal",
        False,
        18,
        70,
        "involvement with the courts and police",
        (
            "{c} has a court date on {fd} at the magistrates' court. Discussed transport and "
            "support on the day.",
            "Spoke with {c}'s solicitor with consent; the hearing is listed for {fd}.",
            "{c} attended probation on {d} as required.",
            "Non-molestation order confirmed in place until {fd}.",
        ),
        (
            (
                "Court hearing outcome",
                "{c} told me the hearing on {d} resulted in a community order with 12 months' "
                "supervision. Probation appointment booked for {fd}.",
            ),
            (
                "Non-molestation order granted",
                "A non-molestation order was granted on {d}. Copy seen; police informed by the "
                "solicitor. Safety plan updated.",
            ),
        ),
    ),
    Topic(
        "health",
        False,
        18,
        75,
        "substance use",
        (
            "{c} said drinking has reduced to weekends only. Agreed to keep a drinks diary "
            "until {fd}.",
            "{c} attended the drug and alcohol service on {d} and is on a reducing "
            "methadone script.",
            "Went through harm reduction advice from {agency}; naloxone kit confirmed in the flat.",
            "{c} missed the key worker appointment on {d}; rebooked for {fd}.",
        ),
        (
            (
                "Started community detox",
                "{c} started a community detox on {d} supported by {prof}. Daily check-ins "
                "agreed until {fd}.",
            ),
        ),
    ),
    Topic(
        "contact",
        False,
        55,
        120,
        "care and support needs at home",
        (
            "{c} is managing personal care with the morning call from the care agency; "
            "evening call requested.",
            "Grab rails fitted in the bathroom by the occupational therapist on {d}.",
            "[home] Discussed the pendant alarm; {c} is wearing it and tested it with me.",
            "{c} has lost weight since {d}. Meals on wheels offered; {c} will decide by {fd}.",
            "Day centre attendance: {n} days a week. {c} enjoys the lunch club.",
        ),
        (
            (
                "Care package started",
                "Package of care started on {d}: two calls a day, seven days a week. Review "
                "visit booked for {fd}.",
            ),
            (
                "Fall at home",
                "{c} had a fall at home on {d} and was on the floor for about two hours before "
                "{fn} arrived. No injury found by paramedics. Falls referral made.",
            ),
        ),
    ),
    Topic(
        "health",
        True,
        0,
        17,
        "the children's health and development",
        (
            "{hv}, health visitor, reported the development check on {d} was on track.",
            "[home] Observed {fn} preparing lunch; {c} ate well and sat at the table.",
            "{fn} has kept the routine chart going; bedtime is now 7.30pm most nights.",
            "Dental appointment for {c} booked for {fd}; {fn} will take {c}.",
            "Immunisations brought up to date on {d} ({gp}).",
            "{c} has an appointment at {surgery} on {fd} about the eczema; {fn} has the letter.",
        ),
        (
            (
                "Missed health appointments",
                "{hv} reported that {c} has missed the last two health appointments ({d}). "
                "Discussed with {fn}; appointment rebooked for {fd} and I will attend.",
            ),
        ),
    ),
)

FOLLOW_UPS: tuple[str, ...] = (
    "Follow-up {fd}.",
    "Next visit {fd} at {t}.",
    "I will call {a} on {fd}.",
    "Next contact booked for {fd}.",
    "Action: I will chase {agency} by {fd}.",
    "{a} will bring the letters to the next visit on {fd}.",
    "To review at the next visit.",
    "No further action needed before the planned visit on {fd}.",
)

SECOND_PARAGRAPHS: tuple[str, ...] = (
    "Plan agreed with {a}: (1) {a} to call {agency} by {fd}; (2) I will send the referral "
    "today; (3) review at the next visit.",
    "Analysis: steady progress since {d}. {a} is engaging and keeps appointments; the main "
    "risk remains money.",
    'Views of {a}: "I just want things to settle down."',
    "Outstanding: copy of tenancy agreement; GP letter; consent form for {agency}.",
    "Discussed with my manager on {d}; agreed the current plan is proportionate.",
    "{fn} asked for a copy of the plan; to be sent by {fd}.",
)

# Who made the referral, for the "Referral received" chronology entry.
REFERRERS: tuple[str, ...] = (
    "the GP",
    "the school",
    "the police",
    "the health visitor",
    "a neighbour",
    "the hospital discharge team",
    "the housing officer",
    "a family member",
    "the early help team",
    "the probation service",
)

TRANSFER_REASONS: tuple[str, ...] = (
    "Caseload rebalancing",
    "Previous worker left the team",
    "Previous worker on long-term leave",
    "Transferred to the long-term team",
    "Client moved to another patch",
    "Change of worker requested by client",
)

CLOSURE_REASONS_ADULT: tuple[tuple[str, int], ...] = (
    ("Goals achieved", 40),
    ("Client moved out of area", 15),
    ("Client disengaged", 15),
    ("No further action", 15),
    ("Needs now met by another service", 15),
)
CLOSURE_REASONS_CHILD: tuple[tuple[str, int], ...] = (
    ("Goals achieved", 35),
    ("Client moved out of area", 15),
    ("Family disengaged", 10),
    ("No further action", 20),
    ("Stepped down to early help", 20),
)
# Only for young people about to turn 18.
CLOSURE_REASON_ADULT_SERVICES = "Transferred to adult services"

CLOSING_OUTCOMES: dict[str, str] = {
    "Goals achieved": "The goals in the plan were met and reviewed with {a} on {d}.",
    "Client moved out of area": "{a} moved to another area on {d}; the new local authority "
    "was informed and the case summary sent with consent.",
    "Client disengaged": "{a} did not respond to calls, two letters or an unannounced visit "
    "after {d}.",
    "Family disengaged": "The family did not engage after {d} despite calls, letters and an "
    "unannounced visit; no current safeguarding concerns.",
    "No further action": "Assessment completed; no further action needed from this service.",
    "Needs now met by another service": "Support continues through {agency}.",
    "Stepped down to early help": "{fn} agreed to continue with the early help team.",
    CLOSURE_REASON_ADULT_SERVICES: "{c} turned 18; the case was handed over to adult "
    "services at a joint visit on {d}.",
}


# --- The case file: client details, support network, professionals, summaries ---------------

# Languages a client from each background (BACKGROUNDS order) may prefer to speak, and the
# share who do; most clients are recorded as speaking English (left blank).
LANGUAGES: tuple[tuple[tuple[str, ...], float], ...] = (
    ((), 0.0),  # English
    ((), 0.0),  # Scottish
    ((), 0.0),  # Irish
    (("Welsh",), 0.2),
    (("Urdu", "Bengali", "Punjabi", "Gujarati", "Pashto"), 0.2),
    (("Polish",), 0.4),
    (("Romanian",), 0.4),
    (("Yoruba", "Igbo"), 0.05),
    (("Somali",), 0.45),
    ((), 0.0),  # Caribbean
    (("Mandarin", "Cantonese"), 0.35),
    (("Spanish",), 0.2),
    (("Arabic", "Arabic", "Kurdish", "Tigrinya"), 0.4),
    (("German",), 0.1),
    (("Turkish", "Kurdish"), 0.3),
    (("Portuguese",), 0.3),
    (("Vietnamese",), 0.45),
)

# Who may be in a support network, with the sex the name should have (f, m, x: either).
# Family members take the client's surname; the others come from any background.
FAMILY_RELATIONSHIPS: frozenset[str] = frozenset(
    {
        "mother",
        "father",
        "grandmother",
        "grandfather",
        "aunt",
        "uncle",
        "sister",
        "brother",
        "older sister",
        "older brother",
        "daughter",
        "son",
        "cousin",
        "stepfather",
        "husband",
        "wife",
    }
)
CHILD_NETWORK: tuple[tuple[str, str], ...] = (
    ("grandmother", "f"),
    ("grandmother", "f"),
    ("grandfather", "m"),
    ("aunt", "f"),
    ("uncle", "m"),
    ("older sister", "f"),
    ("older brother", "m"),
    ("father", "m"),
    ("family friend", "x"),
    ("neighbour", "x"),
    ("childminder", "f"),
)
ADULT_NETWORK: tuple[tuple[str, str], ...] = (
    ("sister", "f"),
    ("brother", "m"),
    ("daughter", "f"),
    ("son", "m"),
    ("mother", "f"),
    ("cousin", "x"),
    ("friend", "x"),
    ("friend", "x"),
    ("neighbour", "x"),
    ("partner", "x"),
    ("support worker", "x"),
    ("church friend", "x"),
)
# Notes on a contact: for anyone, then only for an adult's or a child's network, then only
# for a relative of a client who speaks {language}.
CONTACT_NOTES: tuple[str, ...] = (
    "Has a key; visits daily.",
    "Prefers contact by text.",
    "Works nights; call after 2pm.",
    "Emergency contact.",
    "Lives nearby; can help at short notice.",
    "Landline only; no mobile.",
    "Visits at weekends.",
)
CONTACT_NOTES_ADULT: tuple[str, ...] = (
    "Lasting power of attorney for finances.",
    "Does the weekly shop with {c}.",
    "Not to be given information without {c}'s consent.",
    "Goes with {c} to hospital appointments.",
)
CONTACT_NOTES_CHILD: tuple[str, ...] = (
    "Collects {c} from school on Tuesdays and Thursdays.",
    "Has {c} to stay every other weekend.",
    "Named on the safety plan as someone {c} can call.",
    "Approved to look after {c} overnight.",
)
CONTACT_NOTES_LANGUAGE = "Speaks {language} and English; happy to help with calls."

# Councils whose name isn't "<town> City Council"; London by postcode area.
COUNCILS: dict[str, str] = {
    "Cardiff": "Cardiff Council",
    "Swansea": "Swansea Council",
    "Edinburgh": "City of Edinburgh Council",
    "Luton": "Luton Borough Council",
    "Newcastle upon Tyne": "Newcastle City Council",
    "Stoke-on-Trent": "Stoke-on-Trent City Council",
    "London E": "Tower Hamlets Council",
    "London SE": "Lewisham Council",
    "London N": "Islington Council",
}
# Office numbers from Ofcom's ranges for drama, by town; the rest use 01632 960xxx.
DRAMA_PHONE_PREFIXES: dict[str, str] = {
    "Leeds": "0113 496 0",
    "Sheffield": "0114 496 0",
    "Nottingham": "0115 496 0",
    "Leicester": "0116 496 0",
    "Bristol": "0117 496 0",
    "Birmingham": "0121 496 0",
    "Edinburgh": "0131 496 0",
    "Glasgow": "0141 496 0",
    "Liverpool": "0151 496 0",
    "Manchester": "0161 496 0",
    "Salford": "0161 496 0",
    "Newcastle upon Tyne": "0191 498 0",
    "Cardiff": "029 2018 0",
    "London": "020 7946 0",
}

# Professionals' roles: (agency, email domain kind). Kinds: "gp" (the surgery), "school",
# "nhs", "council", "housing", or a fixed domain. "{council}" is the client's council.
PROFESSIONAL_AGENCIES: dict[str, tuple[str, str]] = {
    "GP": ("{surgery}", "gp"),
    "health visitor": ("0-19 Health Visiting Service", "nhs"),
    "class teacher": ("{school}", "school"),
    "SENCo": ("{school}", "school"),
    "housing officer": ("{council} Housing", "housing"),
    "DWP work coach": ("Jobcentre Plus", "dwp.gov.example"),
    "school nurse": ("School Nursing Service", "nhs"),
    "speech and language therapist": ("Children's Speech and Language Therapy", "nhs"),
    "designated safeguarding lead": ("{school}", "school"),
    "family support worker": ("{council} Family Support", "council"),
    "CAMHS practitioner": ("CAMHS", "nhs"),
    "police PVP officer": ("Police Safeguarding Unit", "police.example"),
    "early help coordinator": ("{council} Early Help Hub", "council"),
    "paediatrician": ("Community Paediatrics", "nhs"),
    "community psychiatric nurse": ("Community Mental Health Team", "nhs"),
    "tenancy support worker": ("{council} Tenancy Sustainment Team", "housing"),
    "occupational therapist": ("{council} Adult Social Care", "council"),
    "probation officer": ("Probation Service", "justice.gov.example"),
    "drug and alcohol worker": ("Turning Point", "turningpoint.org.example"),
    "district nurse": ("District Nursing Team", "nhs"),
    "debt adviser": ("Citizens Advice", "citizensadvice.org.example"),
    "employment support worker": ("{council} Employment Support", "council"),
}
# Words left out when an organisation's name becomes an email domain.
DOMAIN_STOPWORDS: frozenset[str] = frozenset(
    {
        "surgery",
        "medical",
        "centre",
        "practice",
        "health",
        "family",
        "the",
        "school",
        "primary",
        "academy",
        "high",
        "community",
        "catholic",
        "infant",
        "pupil",
        "referral",
        "unit",
        "c",
        "of",
        "e",
    }
)

# The case summary (Markdown). Placeholders as in the note templates.
SUMMARY_HOUSEHOLD_CHILD = "{c} lives with {fnfull} ({rel})."
SUMMARY_HOUSEHOLD_FAMILY = "The family: {fnfull} ({rel}) and {c}."
SUMMARY_HOUSEHOLD_ADULT = "{fnfull} ({rel}) is the main support."
SUMMARY_LANGUAGE = "{a}'s first language is {language}; an interpreter is booked for visits."
SUMMARY_POSITION: tuple[str, ...] = (
    "{a} is engaging well and keeps appointments.",
    "Engagement has been patchy since {d}; two visits were missed and rebooked.",
    "{a} says things feel more settled than at the last review.",
    "No new concerns from the professionals involved since {d}.",
    "{fn} ({rel}) remains the main support and attends most visits.",
    "The plan was reviewed with {a} on {d}; {a} agreed the next steps below.",
)
SUMMARY_NEXT_STEPS: tuple[str, ...] = (
    "Continue fortnightly visits; next visit booked for {fd}.",
    "Chase the referral to {agency} by {fd}.",
    "Review the plan with {a} and {fn} at the next visit.",
    "Ask {gp} for an update before the next review.",
    "Agree with {a} which services to contact directly once the case closes.",
    "Update the assessment after the next visit.",
    "Share this summary with {prof}; {a} has given consent.",
)


# --- Manual chronology entries -----------------------------------------------------------
# Events a worker adds to the chronology by hand: things learned from other agencies or the
# family rather than from a contact of their own. Placeholders as in the note templates, plus
# ``{pc}`` a police collar number, ``{hospital}``, ``{court}`` and ``{days}`` (2-5).


class ManualEvent(NamedTuple):
    """A manual chronology entry: who it fits, what it says, who could have reported it."""

    category: str  # one of the default chronology categories
    child: bool  # for children's cases (True) or adults' (False)
    title: str
    details: str  # Markdown
    sources: tuple[str, ...]  # who reported it
    analyses: tuple[str, ...]  # what it may mean for the client


HOSPITALS: tuple[str, ...] = (
    "the Royal Infirmary",
    "St Luke's Hospital",
    "the General Hospital",
    "Queen's Hospital",
    "the Children's Hospital",
)
COURTS: tuple[str, ...] = (
    "the Family Court",
    "the County Court",
    "the Magistrates' Court",
)

MANUAL_EVENTS: tuple[ManualEvent, ...] = (
    ManualEvent(
        "education",
        True,
        "School exclusion (fixed term, {days} days)",
        "{school} excluded {c} for {days} days after an incident in class. {teacher} said {c} "
        "threw a chair and swore at a member of staff.\n\nA reintegration meeting is booked "
        "with {fn} ({rel}) for the day {c} returns.",
        ("School (DSL)", "{teacher} (class teacher)", "{fn} ({rel})"),
        (
            "Third exclusion this term: pattern escalating since the move.",
            "Behaviour at school is worse on Mondays, after weekend contact; explore with {fn}.",
        ),
    ),
    ManualEvent(
        "education",
        True,
        "Attendance below 80% this half-term",
        "{school} reported attendance of {pct}% for the half-term, most absences unauthorised. "
        "A penalty notice warning letter has been sent to {fn}.",
        ("School attendance officer", "School (DSL)"),
        ("Missed school means {c} is not seen by safe adults; raise at the core group.",),
    ),
    ManualEvent(
        "safeguarding",
        True,
        "Police called to address: domestic incident",
        "Police attended the home at night after a neighbour heard shouting. {c} was in the "
        "house. No arrests; a DASH risk assessment was completed and graded **medium**.",
        ("Police (PC {pc})", "Police MASH notification", "Neighbour"),
        (
            "Second police call-out in three months; {c} is exposed to the arguments.",
            "{fn} minimised the incident when asked; consider a strategy discussion.",
        ),
    ),
    ManualEvent(
        "safeguarding",
        True,
        "Missing from home overnight",
        "{c} did not come home after school and was found by police the next morning at a "
        "friend's address. Return home interview offered.\n\n- Reported missing by {fn}\n"
        "- Found safe and well",
        ("Police (PC {pc})", "{fn} ({rel})"),
        ("First missing episode; watch for links with older peers seen near the school.",),
    ),
    ManualEvent(
        "safeguarding",
        True,
        "Strategy discussion held",
        "Strategy discussion with police and health following the disclosure at school. Agreed "
        "threshold met for a section 47 enquiry.",
        ("Children's social care duty team", "Police (PC {pc})"),
        ("The disclosure is consistent with what {c} told the school nurse earlier.",),
    ),
    ManualEvent(
        "health",
        True,
        "A&E attendance: head injury",
        "{c} was taken to A&E at {hospital} after a fall from a bunk bed. Discharged the same "
        "night; no fracture. The account given by {fn} matched the injury.",
        ("A&E discharge letter", "Health visitor", "{fn} ({rel})"),
        ("Explanation consistent with the injury; no further action, but note the date.",),
    ),
    ManualEvent(
        "health",
        True,
        "Missed health appointments (third this year)",
        "{hv} reported that {c} was not brought to the developmental review for the third "
        "time. A new appointment has been sent.",
        ("Health visitor", "{gp} ({surgery})"),
        ("Pattern of missed health appointments: possible neglect of health needs.",),
    ),
    ManualEvent(
        "legal",
        True,
        "Court hearing: interim care order",
        "Hearing at {court}. The court made an interim care order; {c} to remain in foster "
        "care. Next hearing in four weeks.",
        ("Local authority legal team", "Court order"),
        ("The order gives time for the parenting assessment; {fn} understood the decision.",),
    ),
    ManualEvent(
        "legal",
        True,
        "Pre-proceedings (PLO) meeting",
        "Meeting under the Public Law Outline with {fn} and their solicitor. Letter before "
        "proceedings explained; a written agreement was signed.",
        ("Local authority legal team",),
        ("{fn} engaged well in the meeting; the next twelve weeks are critical.",),
    ),
    ManualEvent(
        "placement",
        True,
        "Placement move to new foster carers",
        "{c} moved to a new foster placement after the previous carers gave notice. Belongings "
        "moved the same day; school transport arranged so {c} can stay at {school}.",
        ("Fostering team", "Supervising social worker"),
        ("Second move this year; stability is now the priority in the care plan.",),
    ),
    ManualEvent(
        "contact",
        True,
        "Contact with father suspended",
        "Supervised contact suspended after {c} came back upset and said they did not want to "
        "go again. To be reviewed at the next looked-after child review.",
        ("Contact supervisor", "{fn} ({rel})"),
        ("{c}'s wishes are clear and consistent with what was said at school.",),
    ),
    ManualEvent(
        "incident",
        True,
        "Arrested: shoplifting",
        "{c} was arrested with two friends for shoplifting in the town centre. Released under "
        "investigation; the youth offending team has been told.",
        ("Police (PC {pc})", "Youth offending team"),
        ("Offending started when {c} began spending time with the older group.",),
    ),
    ManualEvent(
        "housing",
        True,
        "Family moved to temporary accommodation",
        "The family moved to temporary accommodation at {block} after the eviction. One room "
        "for {fn} and the children; shared kitchen.",
        ("Housing officer", "{fn} ({rel})"),
        ("Overcrowding is likely to add to the stress at home.",),
    ),
    ManualEvent(
        "other",
        True,
        "Child protection medical completed",
        "Child protection medical by the paediatrician at {hospital}. Findings shared by phone; "
        "written report to follow.",
        ("Paediatrician",),
        ("Await the written report before the initial conference.",),
    ),
    ManualEvent(
        "health",
        False,
        "Hospital admission",
        "{c} was admitted to {hospital} after a fall at home and stayed {days} nights. Discharge "
        "planning meeting to be arranged with the ward.",
        ("Hospital ward sister", "{fn} ({rel})", "Hospital discharge team"),
        (
            "Third fall this year: the home may no longer be safe without more support.",
            "Admission followed a period of not eating properly; check the care package.",
        ),
    ),
    ManualEvent(
        "health",
        False,
        "Mental health crisis: seen by the crisis team",
        "{c} called the crisis line in the night and was seen at home by the crisis team. No "
        "admission; daily calls for a week agreed.",
        ("Crisis team", "Client", "{gp} ({surgery})"),
        ("Crisis followed the letter about benefits; money worries are a trigger.",),
    ),
    ManualEvent(
        "health",
        False,
        "GP medication review",
        "{gp} reviewed {c}'s medication and stopped one tablet that was causing dizziness.",
        ("{gp} ({surgery})", "Client"),
        ("May explain the dizzy spells {fn} has been worried about.",),
    ),
    ManualEvent(
        "housing",
        False,
        "Moved to temporary accommodation",
        "{c} moved to temporary accommodation at {block}. Keys collected from {ho}; furniture "
        "in storage.",
        ("Housing officer", "Client"),
        ("Further from {fn} ({rel}), who was the main support; risk of isolation.",),
    ),
    ManualEvent(
        "housing",
        False,
        "Possession hearing",
        "Possession hearing at {court} for rent arrears. The order was suspended on terms: "
        "current rent plus a weekly amount towards the arrears.",
        ("Client", "Housing officer", "Court order"),
        ("A suspended order means any missed payment could lead to eviction.",),
    ),
    ManualEvent(
        "safeguarding",
        False,
        "Adult safeguarding concern raised",
        "{fn} ({rel}) raised a concern that a new friend has been taking {c}'s bank card. "
        "Section 42 enquiry opened.",
        ("{fn} ({rel})", "Bank", "Adult safeguarding team"),
        ("Possible financial abuse; {c} has capacity and wants to keep the friendship.",),
    ),
    ManualEvent(
        "safeguarding",
        False,
        "Police called to address: domestic incident",
        "Police attended after {c} called 999. Partner arrested and bailed with conditions not "
        "to contact {c}. DASH risk assessment graded **high**; referred to MARAC.",
        ("Police (PC {pc})", "Client"),
        ("High risk: safety plan to be reviewed with {c} this week.",),
    ),
    ManualEvent(
        "incident",
        False,
        "Fire at the property",
        "Small kitchen fire (pan left on the hob). Fire service attended; nobody hurt. A home "
        "fire safety visit is booked.",
        ("Fire service", "{fn} ({rel})"),
        ("Memory problems may be getting worse; ask {gp} about a memory assessment.",),
    ),
    ManualEvent(
        "legal",
        False,
        "Court hearing: sentencing",
        "Sentencing at {court}: community order with supervision. Probation will see {c} weekly.",
        ("Probation", "Client"),
        ("Regular supervision gives structure; keep in touch with probation.",),
    ),
    ManualEvent(
        "placement",
        False,
        "Respite stay at care home",
        "{c} went to a care home for {days} weeks of respite while {fn} recovers from an "
        "operation.",
        ("{fn} ({rel})", "Care home manager"),
        ("Settled well; may help {c} consider a permanent move later.",),
    ),
    ManualEvent(
        "other",
        False,
        "Benefit sanction",
        "{c}'s Universal Credit was sanctioned for a missed appointment at the jobcentre. "
        "Mandatory reconsideration requested.",
        ("Client", "DWP work coach"),
        ("Loss of income puts the rent arrears plan at risk.",),
    ),
)

# Analyses a worker may add to an automatic entry (a significant note, a transfer).
AUTOMATIC_ANALYSES: tuple[str, ...] = (
    "Consistent with the concerns at referral; no change to the plan.",
    "First time {a} has raised this without prompting: a positive sign.",
    "Links to the earlier entries about money; the pressures are building.",
    "Shows the support network is holding; {fn} was quick to help.",
    "Worth raising at the next review: the same issue came up last year.",
    "{a} followed the agreed plan, which suggests the work is helping.",
)
