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


# --- Service plans ----------------------------------------------------------------------------
# Goals for each area of work (keyed by ``Topic.concern``), so a client's plan is about what
# their notes are about. Placeholders as in the note templates (the per-note ones excepted);
# evidence may also use ``{d}`` (a recent date), ``{n}``, ``{pct}``, ``{amt}`` and
# ``{arrears}``. A goal is worded as a worker would write it with the client: what will
# change, how it is measured and what level means done, and why it matters in the client's
# own words (for a child's case, the parent's or carer's, or the child's once at school).


class ActionText(NamedTuple):
    """A step towards a goal and who takes it."""

    owner: str  # worker | client | family | professional
    what: str
    roles: tuple[str, ...] = ()  # a professional: the roles that could take it on


class GoalText(NamedTuple):
    """A SMART goal, its actions, what a review may find, and how it may be reworded."""

    domain: str  # one of store.plans.records.DOMAINS
    change: str
    measure: str
    target: str
    relevance: str
    actions: tuple[ActionText, ...]  # at least one for the worker or the client
    evidence: tuple[str, str, str, str]  # rated achieved, progressing, no change, worse
    revised_target: str  # the target after a review changed it
    revised_reason: str  # no full stop: the plan reads "this wording since <date>: <reason>."


_HOUSING_ROLES = ("housing officer", "tenancy support worker")
_MONEY_ROLES = ("debt adviser", "DWP work coach", "tenancy support worker")
_SCHOOL_ROLES = ("class teacher", "SENCo", "designated safeguarding lead")
_CHILD_HEALTH_ROLES = ("health visitor", "GP", "paediatrician", "school nurse")
_CHILD_SUPPORT_ROLES = ("family support worker", "early help coordinator")

GOALS: dict[str, tuple[GoalText, ...]] = {
    "rent arrears and the risk of losing the tenancy": (
        GoalText(
            "housing",
            "Clear the rent arrears through the agreed repayment plan and keep the tenancy",
            "Rent account statements from the landlord, checked at each visit",
            "Arrears under £100 and no missed weekly payment for 8 weeks",
            "This flat is my home. I'm not going back to sleeping on people's sofas.",
            (
                ActionText("client", "Pay the agreed amount towards the arrears every Friday"),
                ActionText("client", "Bring the latest rent statement to each visit"),
                ActionText("worker", "Apply for a discretionary housing payment with {c}"),
                ActionText(
                    "professional",
                    "Put the possession claim on hold while the repayment plan is kept to",
                    _HOUSING_ROLES,
                ),
                ActionText("family", "Help {c} set up a standing order for the rent"),
            ),
            (
                "Rent statement of {d} seen: arrears cleared and every payment made for 8 weeks.",
                "Arrears down to {amt}; one payment missed since the last review and made up "
                "the week after.",
                "Statement of {d} seen: arrears about the same. The payments stopped while the "
                "Universal Credit claim was being reviewed.",
                "Arrears up to {arrears}; a notice seeking possession was served on {d}.",
            ),
            "Arrears under £300 and no missed payment for 6 weeks",
            "The Universal Credit deduction leaves less to pay with; target agreed with {c} "
            "and the landlord",
        ),
        GoalText(
            "housing",
            "Get the landlord to repair the damp and mould in the back bedroom",
            "Repairs logged with the landlord; the room checked at home visits",
            "Repair finished and no new mould seen at two visits in a row",
            "My chest is worse every winter in that room. I want to sleep in my own bed again.",
            (
                ActionText("client", "Report the damp to the landlord in writing and keep a copy"),
                ActionText(
                    "worker", "Write to the landlord in support, with photos from the visit"
                ),
                ActionText(
                    "professional", "Inspect the property and chase the repair", _HOUSING_ROLES
                ),
                ActionText("family", "Be at the flat to let the contractor in"),
                ActionText("client", "Open the window and wipe the walls each morning"),
            ),
            (
                "Bedroom seen on {d}: wall replastered, no mould. {c} is sleeping in there again.",
                "Landlord's surveyor visited on {d}; the work is booked. Mould treated for now.",
                "No reply from the landlord to either letter; mould still on the back wall.",
                "The mould has spread to the ceiling; {c} has been sleeping on the sofa.",
            ),
            "Repair booked and done by the new date, with the council's help if needed",
            "The landlord has not replied; the council's private housing team is now involved",
        ),
    ),
    "overcrowded and unsafe housing": (
        GoalText(
            "housing",
            "Move the family to a home with enough bedrooms for {c}",
            "Bids on the housing register and offers made, checked with {ho}",
            "An offer of a suitable home accepted",
            "We all sleep in one room. {c} has nowhere to do homework or be on their own.",
            (
                ActionText("family", "Bid for suitable homes on the housing register every week"),
                ActionText("worker", "Send the overcrowding letter and the GP's letter to {ho}"),
                ActionText(
                    "professional",
                    "Review the family's banding with the new information",
                    ("housing officer",),
                ),
                ActionText("family", "Help with packing and look after {c} on moving day"),
            ),
            (
                "Offer of a three-bedroom house accepted on {d}; sign-up done.",
                "Banding raised to band {n} on {d}; the family has bid every week since.",
                "Still in band {n}; no bids placed for three weeks while {a} was unwell.",
                "The landlord has asked the family to leave; emergency housing requested.",
            ),
            "An offer of a suitable home, or a place on the council's priority list",
            "Banding decision took longer than expected; target date moved with {a}",
        ),
        GoalText(
            "safety",
            "Make the home safe for {c}: mould treated and a working smoke alarm",
            "Checks of the home at each visit",
            "No mould in {c}'s room and the smoke alarm tested working at two visits running",
            "I want {c} to stop coughing at night.",
            (
                ActionText("family", "Treat the mould with the spray and air the room every day"),
                ActionText("worker", "Ask the fire service for a home safety visit"),
                ActionText(
                    "professional",
                    "Check {c}'s chest and write to the landlord about the damp",
                    ("health visitor", "GP", "school nurse"),
                ),
                ActionText("worker", "Chase the landlord about the repairs"),
            ),
            (
                "Home seen on {d}: no mould, smoke alarm tested and working. {c}'s cough has gone.",
                "Smoke alarm fitted on {d}; mould treated but coming back in one corner.",
                "Mould unchanged; the landlord has not been in touch.",
                "The mould is worse and {c} saw the GP for a chest infection on {d}.",
            ),
            "Smoke alarm working and the mould kept down until the family moves",
            "The landlord will not do the work; the family is moving instead",
        ),
    ),
    "debt and loss of income": (
        GoalText(
            "finances",
            "Bring weekly spending within income, using a budget {c} keeps",
            "The weekly budget sheet, gone through together at visits",
            "Income covers outgoings for 6 weeks running, with no new borrowing",
            "I'm sick of choosing between the gas and the food shop.",
            (
                ActionText("client", "Fill in the budget sheet every Sunday"),
                ActionText("worker", "Help {c} apply for the council tax reduction"),
                ActionText(
                    "professional",
                    "Check every benefit {c} can claim and deal with the priority debts",
                    _MONEY_ROLES,
                ),
                ActionText("client", "Stop borrowing from the doorstep lender"),
                ActionText("family", "Do the weekly shop with {c} using the list"),
            ),
            (
                "Budget sheets for the last 6 weeks seen: in credit every week, no new loans.",
                "In credit 4 weeks of the last 6; one small loan taken for school shoes.",
                "Budget sheet kept for one week only; outgoings still more than income.",
                "Two new loans since the last review; the gas has been cut off.",
            ),
            "Income covers outgoings for 4 weeks running, and no new loans",
            "The budget showed the target was too far at first; agreed a first step with {c}",
        ),
        GoalText(
            "finances",
            "Apply for a debt relief order for the debts {c} cannot repay",
            "Each stage of the application, confirmed by the debt adviser",
            "Debt relief order approved",
            "I want the letters and the phone calls to stop.",
            (
                ActionText("client", "Gather the bank statements and the creditors' letters"),
                ActionText("professional", "Prepare and submit the application", ("debt adviser",)),
                ActionText("worker", "Book and go with {c} to the debt advice appointment"),
                ActionText("client", "Open the post with the worker at each visit"),
            ),
            (
                "Debt relief order approved on {d}; creditors told to stop contacting {c}.",
                "Application submitted on {d}; the decision is expected within a month.",
                "Some statements still missing, so the application has not gone in.",
                "A county court claim arrived on {d} for a debt not on the list.",
            ),
            "Application submitted with every statement, and the order approved",
            "Papers took longer to gather than planned; new date agreed",
        ),
        GoalText(
            "employment",
            "Start looking for paid work through the employment support programme",
            "Sessions attended and job applications sent, from the programme's records",
            "6 sessions attended and 5 applications sent",
            "I want to be working again and have my own money.",
            (
                ActionText("client", "Go to the weekly jobs club on Wednesdays"),
                ActionText(
                    "professional",
                    "Help update {c}'s CV and look for vacancies together",
                    ("employment support worker", "DWP work coach"),
                ),
                ActionText("worker", "Work out with {c} how a job would change the benefits"),
                ActionText("client", "Send at least one application a week"),
            ),
            (
                "{c} started part-time work on {d}; all 6 sessions attended.",
                "{n} sessions attended and 3 applications sent; an interview is booked.",
                "Only one session attended; {c} says the bus fare is a problem.",
                "{c} has stopped going and says there is no point.",
            ),
            "4 sessions attended and 3 applications sent, with bus fares paid by the programme",
            "Travel costs got in the way; the programme now pays the fares",
        ),
    ),
    "health needs and missed medical appointments": (
        GoalText(
            "health",
            "Attend every GP and hospital appointment about the chest pain",
            "Appointments kept, from the letters and the surgery",
            "Every appointment kept for 3 months",
            "I want to know what's wrong with me and stop worrying about it.",
            (
                ActionText("client", "Write every appointment on the calendar on the fridge"),
                ActionText("family", "Go with {c} to the hospital appointments"),
                ActionText("worker", "Book patient transport for the hospital appointments"),
                ActionText(
                    "professional",
                    "Send a text reminder before each appointment",
                    ("GP", "district nurse"),
                ),
            ),
            (
                "Every appointment since the last review kept; the tests came back clear on {d}.",
                "{n} of the last 4 appointments kept; the missed one was rebooked the same day.",
                "Two appointments missed again; {c} says the letters did not arrive.",
                "{c} was taken to A&E on {d} after missing the cardiology appointment.",
            ),
            "Every appointment kept, with reminders by text as well as letter",
            "Letters were going astray; the surgery now texts {c} as well",
        ),
        GoalText(
            "health",
            "Attend the diabetes education course and check blood sugar every day",
            "Sessions attended; readings in the blood sugar diary",
            "All 4 sessions attended and readings on 6 days out of 7",
            "My dad lost his foot to diabetes. I don't want that happening to me.",
            (
                ActionText("client", "Check and write down blood sugar every morning"),
                ActionText("client", "Go to the four course sessions at {surgery}"),
                ActionText(
                    "professional",
                    "Go through the diary at each check-up",
                    ("GP", "district nurse"),
                ),
                ActionText("worker", "Look at the diary with {c} at each visit"),
            ),
            (
                "Course finished on {d}; the diary shows readings every day for a month.",
                "{n} sessions attended; readings on most days.",
                "No sessions attended yet; the diary has a few readings only.",
                "Readings have gone up and {c} has stopped checking.",
            ),
            "The next course attended, and readings on 5 days out of 7",
            "{c} missed the first course while in hospital; booked on the next one",
        ),
    ),
    "mental health and low mood": (
        GoalText(
            "mental health",
            "Go to talking therapy every week and keep the safety plan up to date",
            "Sessions attended; mood scored out of 10 at each visit",
            "8 sessions attended and mood at 6 out of 10 or more for a month",
            "I want to feel like myself again and get out of the flat.",
            (
                ActionText("client", "Go to the therapy session every Thursday"),
                ActionText(
                    "professional",
                    "Review the medication at the next appointment",
                    ("community psychiatric nurse", "GP"),
                ),
                ActionText("worker", "Go through the safety plan with {c} at each visit"),
                ActionText("family", "Ring {c} every evening this month"),
            ),
            (
                "All 8 sessions attended; {c} has scored mood at 6 or 7 since {d}.",
                "{n} sessions attended; mood around 5 out of 10.",
                "Two sessions missed; mood still around 3 or 4.",
                "{c} had a crisis on {d}; the crisis team is visiting daily.",
            ),
            "6 sessions attended and mood at 5 or more for a month",
            "Therapy started later than planned because of the waiting list",
        ),
        GoalText(
            "mental health",
            "Leave the flat for a walk or an activity three times a week",
            "The activity diary {c} keeps",
            "3 outings a week for 4 weeks running",
            "Being stuck inside makes everything worse. I used to love walking.",
            (
                ActionText("client", "Walk to the park three times a week"),
                ActionText("family", "Come for the walk on Tuesdays"),
                ActionText("worker", "Find a local walking or art group {c} could try"),
                ActionText(
                    "professional",
                    "Introduce {c} to the day service",
                    ("community psychiatric nurse", "tenancy support worker"),
                ),
            ),
            (
                "Diary seen: out three times a week or more since {d}; {c} has joined a "
                "walking group.",
                "Out twice a week on most weeks; once with {fn}.",
                "Out once in the last fortnight, to the shop.",
                "{c} has not left the flat since {d}.",
            ),
            "2 outings a week for 4 weeks running",
            "Three a week was too much to begin with; {c} asked to start smaller",
        ),
    ),
    "concerns about the care of the children": (
        GoalText(
            "safety",
            "Keep {c} safe at home by following the safety plan every day",
            "Safety plan checked at visits; information from school and the police",
            "No incidents for 3 months, and {a} can explain the plan at every visit",
            "I want my children to feel safe and to stay with me.",
            (
                ActionText("family", "Keep the safety plan on the fridge and follow it"),
                ActionText("worker", "See {c} on their own at every visit"),
                ActionText(
                    "professional",
                    "Share any worries from school or the police the same day",
                    ("designated safeguarding lead", "police PVP officer", "health visitor"),
                ),
                ActionText("client", "Tell a trusted adult at school about any worry"),
            ),
            (
                "No incidents reported since {d}; {a} explained the plan without prompting.",
                "One call to the police since the last review, dealt with as the plan says.",
                "{a} could not explain the plan at two visits; the school raised a concern.",
                "Police were called to the home on {d}; the plan was not followed.",
            ),
            "No incidents for 6 weeks, and the plan explained by {a} at two visits running",
            "Reset after the incident at home; a shorter first step agreed with {a}",
        ),
        GoalText(
            "safety",
            "{a} completes the parenting course and uses the home routine chart",
            "Sessions attended, from the course register; the chart seen at visits",
            "8 of 8 sessions, and the chart kept for 4 weeks",
            "I want to do things differently from how I was brought up.",
            (
                ActionText("family", "Go to the parenting course every Monday morning"),
                ActionText(
                    "professional",
                    "Model the bedtime routine at a home visit",
                    _CHILD_SUPPORT_ROLES,
                ),
                ActionText("worker", "Arrange childcare for the course mornings"),
                ActionText("family", "Keep the routine chart going every day"),
            ),
            (
                "Course finished on {d} with all 8 sessions; the chart is kept every day.",
                "{n} of 8 sessions done; the chart is kept most days.",
                "Only one session attended; the childcare fell through.",
                "{a} has stopped going and says the course is pointless.",
            ),
            "The next course finished, and the chart kept for 4 weeks",
            "The first course was cancelled by the provider; {a} is booked on the next one",
        ),
    ),
    "school attendance and behaviour": (
        GoalText(
            "education",
            "Get {c} to school on time every day",
            "Attendance and lateness from {school}'s register",
            "Attendance of 95% or more, and late no more than once a fortnight, over a half term",
            "I want to stay in my class with my friends.",
            (
                ActionText("family", "Walk {c} to the school gate by 8.40 each morning"),
                ActionText("client", "Pack the school bag the night before"),
                ActionText(
                    "professional",
                    "Send the attendance figures to the worker every fortnight",
                    _SCHOOL_ROLES,
                ),
                ActionText("worker", "Arrange a meeting with {teacher} and {a}"),
            ),
            (
                "Attendance {pct}% for the half term (school figures of {d}); late once.",
                "Attendance up to {pct}%; late {n} times in the fortnight.",
                "Attendance still about {pct}%; the mornings are still hard.",
                "Attendance has dropped to {pct}%; a penalty notice warning was sent on {d}.",
            ),
            "Attendance of 90% or more over a half term",
            "{c} was off for two weeks with tonsillitis; target set for the rest of the term",
        ),
        GoalText(
            "education",
            "No more suspensions from {school}, with support in class for {c}",
            "Behaviour log and suspensions, from the school",
            "No suspension, and fewer than 3 behaviour points a week, for a term",
            "I don't want to get kicked out. I want to stay at my school.",
            (
                ActionText(
                    "professional",
                    "Set up a daily check-in with a named adult at school",
                    _SCHOOL_ROLES,
                ),
                ActionText("client", "Use the time-out card instead of walking out of class"),
                ActionText("family", "Go through the home-school book with {c} every evening"),
                ActionText("worker", "Ask for an assessment of {c}'s learning needs"),
            ),
            (
                "No suspension this term and 1 or 2 behaviour points a week (log of {d}).",
                "No suspension since the last review; behaviour points down to {n} a week.",
                "Behaviour points the same as before; the check-ins have not started.",
                "{c} was suspended again on {d} for two days.",
            ),
            "No suspension for half a term, with the check-ins in place",
            "The check-ins only started last week; a shorter first step agreed with {teacher}",
        ),
    ),
    "family relationships and support": (
        GoalText(
            "relationships",
            "Agree a family plan so that {fn} can keep helping {c} without burning out",
            "The family group conference and the carer's assessment",
            "A family plan agreed, and a break for {fn} at least once a month",
            "{fn} has done so much for me. I don't want to lose that.",
            (
                ActionText("worker", "Refer the family to the family group conference service"),
                ActionText("family", "Have the carer's assessment with the council"),
                ActionText("client", "Ask the rest of the family to share the shopping"),
                ActionText(
                    "professional",
                    "Look at equipment that makes the care easier",
                    ("occupational therapist", "district nurse"),
                ),
            ),
            (
                "Family plan agreed at the conference on {d}; respite once a month started.",
                "Carer's assessment done on {d}; the conference is booked.",
                "No date yet for the conference; {fn} still does everything.",
                "{fn} said on {d} that they cannot carry on as things are.",
            ),
            "A family plan agreed, with the shopping shared",
            "Respite funding is not available yet; the first step is the shopping rota",
        ),
        GoalText(
            "relationships",
            "Meet {fn} through mediation and agree how often to see each other",
            "Mediation sessions attended; visits that went ahead",
            "Two mediation sessions, then the agreed visits kept for a month",
            "I miss my family. I want us to be able to talk again.",
            (
                ActionText("worker", "Make the referral to the mediation service"),
                ActionText("client", "Go to both mediation sessions"),
                ActionText("family", "Meet {c} for a coffee after the second session"),
            ),
            (
                "Both sessions attended; {c} and {fn} have met every week since {d}.",
                "First session held on {d}; the second is booked.",
                "The mediation service has a waiting list; nothing has happened yet.",
                "{c} and {fn} argued on {d} and are not speaking.",
            ),
            "The first mediation session held, and one visit",
            "The waiting list for mediation is longer than thought",
        ),
    ),
    "family relationships and contact": (
        GoalText(
            "relationships",
            "{c} sees the other parent every fortnight at the family centre, as agreed",
            "Contact sessions held, from the family centre's records",
            "6 sessions in a row held, none cancelled by the adults",
            "{c} keeps asking when the next visit is. I want it to be regular and calm.",
            (
                ActionText("family", "Get {c} to the family centre for every session"),
                ActionText("worker", "Agree the dates with both parents and the centre"),
                ActionText(
                    "professional",
                    "Write up each session and share it with the worker",
                    _CHILD_SUPPORT_ROLES,
                ),
            ),
            (
                "6 sessions in a row held since {d}; the centre's notes say they went well.",
                "{n} sessions held; one cancelled by the other parent.",
                "Only one session held; two cancelled.",
                "Contact stopped after the row at the centre on {d}.",
            ),
            "4 sessions in a row held",
            "Sessions started later than planned because of the centre's waiting list",
        ),
        GoalText(
            "relationships",
            "{c} sees the brothers and sisters who live elsewhere at least once a month",
            "Visits held, from the carers' and the worker's records",
            "A visit every month for 3 months",
            "{c} cries for them at bedtime. I want them to grow up knowing each other.",
            (
                ActionText("worker", "Agree a monthly visit plan with the siblings' carers"),
                ActionText("family", "Take {c} to the visits and bring a photo album"),
                ActionText("client", "Make a card for each visit"),
            ),
            (
                "Visits held every month since {d}; {c} talks about them for days after.",
                "Two visits held; the third moved to next week.",
                "One visit held; the others fell through.",
                "No visits since {d}; the siblings' carers have moved.",
            ),
            "A visit every month for 2 months",
            "The siblings' carers moved further away; visits are now at a halfway point",
        ),
    ),
    "involvement with the courts and police": (
        GoalText(
            "other",
            "Attend every court hearing and probation appointment",
            "Attendance, confirmed by probation and the court",
            "Every appointment kept until the order ends",
            "I don't want to end up back inside. I've got too much to lose.",
            (
                ActionText("client", "Go to every probation appointment"),
                ActionText(
                    "professional",
                    "Confirm attendance to the worker every month",
                    ("probation officer",),
                ),
                ActionText("worker", "Arrange travel for the court dates"),
                ActionText("family", "Give {c} a lift to the court hearings"),
            ),
            (
                "Every appointment kept; probation confirmed on {d} that the order is complete.",
                "All but one appointment kept; the missed one was rearranged in advance.",
                "Two appointments missed; probation has issued a warning.",
                "A breach was reported on {d}; {c} is due back at court.",
            ),
            "Every appointment kept for the next 3 months",
            "The order was extended at the last hearing",
        ),
        GoalText(
            "safety",
            "Stay safe from the former partner, with the non-molestation order and a safety plan",
            "Incidents reported; the safety plan gone through at visits",
            "No contact from the former partner for 3 months, and the plan up to date",
            "I want to stop looking over my shoulder.",
            (
                ActionText("client", "Keep the phone charged and the safety plan to hand"),
                ActionText("worker", "Make the referral to the domestic abuse service"),
                ActionText(
                    "professional",
                    "Tell the worker at once of any police call-out",
                    ("police PVP officer", "probation officer"),
                ),
                ActionText("family", "Be the person {c} calls if the former partner turns up"),
            ),
            (
                "No contact since {d}; the plan was updated after the move.",
                "One text from the former partner, reported to the police the same day.",
                "Two texts and a visit; {c} did not report them at first.",
                "The former partner came to the house on {d}; police attended.",
            ),
            "No contact for 3 months, with the order renewed",
            "The order was due to end; {c} is applying to renew it",
        ),
    ),
    "substance use": (
        GoalText(
            "health",
            "Cut drinking to 14 units a week or less",
            "The drinks diary, gone through at visits",
            "14 units or fewer each week for 6 weeks",
            "I want to be sober for my grandchildren.",
            (
                ActionText("client", "Keep the drinks diary every day"),
                ActionText(
                    "professional",
                    "See {c} every week at the drug and alcohol service",
                    ("drug and alcohol worker",),
                ),
                ActionText("family", "Keep the house free of alcohol"),
                ActionText("worker", "Go through the diary with {c} at each visit"),
            ),
            (
                "Diary shows under 14 units every week since {d}.",
                "Down to about 20 units a week; two heavy weekends.",
                "Drinking about the same; the diary was kept for one week.",
                "{c} was taken to hospital on {d} after drinking heavily.",
            ),
            "20 units or fewer each week for 4 weeks, on the way to 14",
            "Cutting down all at once was not safe; a slower reduction agreed with the service",
        ),
        GoalText(
            "health",
            "Keep to the methadone script and every key worker appointment",
            "Collections and appointments, from the drug and alcohol service",
            "No missed collection or appointment for 8 weeks",
            "I've been clean before and I can do it again.",
            (
                ActionText("client", "Collect the script from the chemist every day"),
                ActionText(
                    "professional",
                    "Review the dose each fortnight",
                    ("drug and alcohol worker", "GP"),
                ),
                ActionText("worker", "Check in by phone on collection days"),
            ),
            (
                "No missed collection for 8 weeks (service letter of {d}); dose reducing.",
                "One missed collection in the last month; every appointment kept.",
                "Three missed collections; the chemist raised a concern.",
                "{c} has relapsed and the script was stopped on {d}.",
            ),
            "No missed collection or appointment for 4 weeks",
            "Restarted on the script after the relapse; a shorter first target",
        ),
    ),
    "care and support needs at home": (
        GoalText(
            "health",
            "Manage personal care safely at home with the right package of care",
            "Care calls and falls, from the care agency's records and visits",
            "Two calls a day in place and no falls for 3 months",
            "I want to stay in my own home, not go into a home.",
            (
                ActionText("worker", "Arrange the review of the care package"),
                ActionText(
                    "professional",
                    "Assess for a walking frame and a shower seat",
                    ("occupational therapist", "district nurse"),
                ),
                ActionText("client", "Wear the pendant alarm all day"),
                ActionText("family", "Visit on the days the carers don't come"),
            ),
            (
                "Both calls in place since {d}; no falls, and the shower seat is in use.",
                "The evening call started on {d}; one fall without injury.",
                "Still one call a day; the agency has no one for the evenings.",
                "{c} fell twice since the last review and was in hospital on {d}.",
            ),
            "Two calls a day in place and no falls for 6 weeks",
            "The agency could not start the evening call until now",
        ),
        GoalText(
            "other",
            "Go to the day centre lunch club twice a week",
            "Attendance, from the day centre's register",
            "2 days a week for 6 weeks",
            "I get lonely. I like the company at the lunch club.",
            (
                ActionText("worker", "Book the day centre place and the transport"),
                ActionText("client", "Be ready for the minibus at 10.30 on club days"),
                ActionText("family", "Go with {c} for the first visit"),
            ),
            (
                "Two days a week since {d}; {c} has made friends there.",
                "Going once a week; the second day starts next month.",
                "Went once; {c} said they did not know anyone.",
                "Stopped going after a fall on the minibus step on {d}.",
            ),
            "1 day a week for 6 weeks, then 2",
            "{c} asked to build up slowly",
        ),
    ),
    "the children's health and development": (
        GoalText(
            "health",
            "Keep {c}'s health appointments and bring the immunisations up to date",
            "Appointments kept, from {hv} and {surgery}",
            "Every appointment kept and the immunisations up to date",
            "I want {c} to be healthy and to catch up.",
            (
                ActionText("family", "Take {c} to every appointment, with the red book"),
                ActionText(
                    "professional",
                    "Send the appointment dates to the family and the worker",
                    _CHILD_HEALTH_ROLES,
                ),
                ActionText("worker", "Remind {a} the day before each appointment"),
            ),
            (
                "Immunisations up to date since {d}; every appointment kept.",
                "{n} of the last 4 appointments kept; one immunisation still due.",
                "Two appointments missed again; immunisations not started.",
                "{c} was seen in A&E on {d}; the health visitor has raised a concern.",
            ),
            "Every appointment kept, and the last immunisation done by the new date",
            "The clinic cancelled the catch-up session",
        ),
        GoalText(
            "health",
            "Keep a bedtime and mealtime routine for {c} every day",
            "The routine chart, seen at visits",
            "Bed by 7.30pm on 6 nights out of 7, and meals at the table, for 4 weeks",
            "When the routine works, the whole house is calmer, me included.",
            (
                ActionText("family", "Keep the routine chart on the kitchen wall and fill it in"),
                ActionText(
                    "professional",
                    "Show {a} the bedtime routine at a home visit",
                    ("health visitor", *_CHILD_SUPPORT_ROLES),
                ),
                ActionText("worker", "Look at the chart with {a} at each visit"),
            ),
            (
                "Chart kept for 4 weeks (seen on {d}); bed by 7.30pm on almost every night.",
                "Chart kept most days; bedtime still slips at weekends.",
                "The chart was not kept; bedtime is still after 10pm.",
                "Bedtimes have slipped since {d} and {c} is tired at nursery.",
            ),
            "Bed by 8pm on 5 nights out of 7 for 4 weeks",
            "{a} asked for a first step that fits the new shift pattern",
        ),
    ),
}

ACHIEVABLE_NOTES: tuple[str, ...] = (
    "Achievable if the referral is accepted quickly.",
    "Depends on {fn} being able to help as planned.",
    "Achievable with the interpreter at each visit.",
    "Tight for the date; to look at again at the first review.",
)
DOUBTFUL_NOTES: tuple[str, ...] = (
    "Not yet: depends on another agency acting first.",
    "Not yet: {a} has other priorities this month; agreed to keep it on the plan.",
    "Not sure: the waiting list may be longer than the target date.",
)
NOT_RATED_REASONS: tuple[str, ...] = (
    "Not discussed: the review ran out of time; to pick up at the next visit.",
    "Waiting for information from the other agency before rating.",
    "{a} asked to leave this goal until the next review.",
    "Not discussed: {a} was unwell on the day.",
)
# Added to the evidence when a goal is rated as it was at the last review.
EVIDENCE_AGAIN: tuple[str, ...] = (
    "Much the same as at the last review.",
    "Checked again with {a} on {d}.",
    "The same picture as last time, from the notes since.",
)
# Evidence for a goal rated "no longer relevant".
NO_LONGER_RELEVANT: tuple[str, ...] = (
    "Circumstances have changed since the plan was made; {a} and the worker agreed to stop "
    "this goal.",
    "Now covered by another agency's plan (confirmed on {d}).",
    "{a} no longer wants to work on this; the reasons are recorded in the notes of {d}.",
)
DROPPED_NOTES: tuple[str, ...] = (
    "No longer needed.",
    "Overtaken by events; see the review.",
    "Another agency is doing this now.",
    "{a} decided against it.",
)
DONE_NOTES: tuple[str, ...] = (
    "Done on {d}.",
    "Confirmed at the visit on {d}.",
    "Letter seen.",
)
IN_PROGRESS_NOTES: tuple[str, ...] = (
    "Started; chased on {d}.",
    "Waiting for a reply.",
    "Partly done; the rest at the next visit.",
)

# The client's views at a review, in their words, by how the review went; in a child's case
# the parent or carer speaks, and the child's words are added when they took part.
CLIENT_VIEWS: dict[str, tuple[str, ...]] = {
    "good": (
        "“Things are calmer now. I know who to ring if it goes wrong.”",
        "“I'm proud of myself, to be honest. I didn't think I'd get this far.”",
        "“It's been a good few weeks. I want to keep going like this.”",
        "“I feel listened to. The plan makes sense to me.”",
    ),
    "mixed": (
        "“Some of it's working and some of it isn't. The money side is still hard.”",
        "“I'm trying, but it's slow. I need more help with the letters.”",
        "“Better than last time, but I'm still worried about what happens next.”",
        "“I want to change the plan a bit so it fits round my week.”",
    ),
    "poor": (
        "“It's been a bad month. I don't feel like anything is changing.”",
        "“I didn't agree with all of it last time and I still don't.”",
        "“I need someone to actually do something, not just write it down.”",
        "“I'm exhausted. I can't do everything at once.”",
    ),
}
CHILD_VIEWS: tuple[str, ...] = (
    " {c} said: “I like it when it's quiet at home.”",
    " {c} said: “I want to see my friends more.”",
    " {c} drew a picture of the family for the review.",
    " {c} said school is “OK” and home is “better”.",
)
ABSENT_VIEWS: tuple[str, ...] = (
    "{a} could not come (a hospital appointment); views given by phone on {d}: “Carry on "
    "as we are.”",
    "{a} did not attend. Views from the home visit on {d}: “I'm happy with the plan.”",
    "{a} was at work; views sent by text: “I agree with it all, thanks.”",
)
REVIEW_SUMMARIES: dict[str, tuple[str, ...]] = {
    "good": (
        "Good progress since the last review.",
        "Steady progress; the plan is working.",
    ),
    "mixed": (
        "Some progress; parts of the plan need changing.",
        "Mixed progress; the actions were looked at again.",
    ),
    "poor": (
        "Little progress since the last review; the plan was looked at again with {a}.",
        "Things have been harder; more support agreed.",
    ),
}

# --- case conferences ---------------------------------------------------------------------
# (type, weight) for children's and adults' cases; "family meeting" only with a network.
CONFERENCE_TYPES_CHILD: tuple[tuple[str, int], ...] = (
    ("case conference", 25),
    ("core group", 25),
    ("professionals meeting", 20),
    ("strategy discussion", 8),
    ("review meeting", 12),
    ("family meeting", 10),
)
CONFERENCE_TYPES_ADULT: tuple[tuple[str, int], ...] = (
    ("case coordination meeting", 30),
    ("professionals meeting", 30),
    ("review meeting", 20),
    ("case conference", 8),
    ("family meeting", 12),
)
CONFERENCE_PLACES: tuple[str, ...] = (
    "Meeting room 2, Civic Centre",
    "Video call",
    "Video call",
    "{school}",
    "{surgery}",
    "The family home",
    "Children and Families office, first floor",
)
CONFERENCE_PLACES_ADULT: tuple[str, ...] = (
    "Meeting room 2, Civic Centre",
    "Video call",
    "Video call",
    "{surgery}",
    "{c}'s home",
    "Adult Social Care office, ground floor",
)
# An agenda item on one of the case's areas of work ({concern}); Markdown.
AGENDA_DISCUSSIONS: tuple[str, ...] = (
    "Everyone agreed this is still the main worry. {worker} summarised the last six weeks:\n\n"
    "- some good weeks, then a setback around {d}\n- {fn} is engaging with the plan",
    "{worker} went through what has changed since the referral. Professionals agreed the "
    "support is helping but is **not yet enough** on its own.",
    "Discussed what is getting in the way. {a} said the appointments clash with other "
    "commitments; times to be moved where possible.",
    "No new concerns reported. The work continues as planned and is reviewed at the next meeting.",
    "Concerns have increased since {d}. Everyone to share any new information with "
    "{worker} the same day.",
)
AGENDA_CLOSING: tuple[tuple[str, str], ...] = (
    ("Views of {a}", "{a} was asked what is working and what is not; their words are below."),
    ("Plan and next steps", "The plan was updated with the decisions below."),
    ("Risks and strengths", "- Strength: {fn}'s support\n- Risk: things slipping between visits"),
    ("Any other business", "None raised."),
)
# What a professional told the meeting, after their name and agency.
INFO_SHARED: tuple[str, ...] = (
    "saw {a} on {d}; no new concerns.",
    "attendance at appointments has been good since the last meeting.",
    "made a referral on {d} and is waiting for a date.",
    "is worried things have slipped over the last few weeks.",
    "two appointments missed; will try a home visit instead.",
    "reported steady progress and will keep seeing {a} as planned.",
    "has shared a written report with {worker} before the meeting.",
)
# One decision a line, as the minutes store them.
CONFERENCE_DECISIONS: tuple[str, ...] = (
    "The current plan continues and is reviewed at the next meeting.",
    "Support continues at the current level.",
    "{worker} remains the single point of contact for the family.",
    "Professionals share any new concerns with {worker} the same day.",
    "A referral to be made for specialist help with {concern}.",
    "Visits increase to weekly until the next meeting.",
    "{a}'s views to be gathered before the next meeting.",
    "Stepping down support to be considered at the next meeting.",
)
# Actions by who owns them: the worker, a professional, the client or someone close.
CONFERENCE_ACTIONS: dict[str, tuple[str, ...]] = {
    "worker": (
        "Send the minutes to everyone invited.",
        "Update the service plan with today's decisions.",
        "Visit {a} at home and go through the plan.",
        "Make the referral agreed today and share the outcome.",
        "Arrange the next meeting and send the invitations.",
    ),
    "professional": (
        "Share a written update before the next meeting.",
        "Offer {a} an appointment and let {worker} know the date.",
        "Send the latest report to {worker}.",
        "Check in with {a} and feed back any concerns.",
    ),
    "person": (
        "Let {worker} know if anything changes at home.",
        "Keep a diary of appointments and bring it to the next meeting.",
        "Go to the appointment that was offered.",
    ),
}
CONFERENCE_DONE_NOTES: tuple[str, ...] = (
    "Done on {d}.",
    "Update received on {d}.",
    "Confirmed by email on {d}.",
    "Seen at the visit on {d}.",
)
