"""The demo's community-resource directory: some thirty made-up services across the needs a
caseload meets (food, housing, money, mental health, families, carers, older and younger
people...), a few with age ranges and areas, most as imported from a made-up Open Referral
package and a few added by hand, one withdrawn from its package. No real organisation's data.

Deterministic: which details each service shows (a phone, hours, languages) is drawn from its
own random stream, so the rest of a seed's demo stays as it was.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from store.common.textsafe import fold
from store.resources.models import ResourceOrganisation, ResourceService
from store.resources.rules import joined, keys

SOURCE = "demo-community-directory"

# Each organisation, and the made-up host of its website and e-mail.
ORGANISATIONS: dict[str, str] = {
    "Riverside Community Trust": "riverside-trust",
    "Northgate Council": "northgate-council",
    "Hillside Advice Centre": "hillside-advice",
    "Open Door Housing Association": "opendoor-housing",
    "Beacon Mental Health Network": "beacon-mh",
    "St Anne's Church Hall Volunteers": "st-annes-hall",
    "Family Roots Charity": "familyroots",
    "Carers Together": "carers-together",
    "Safe Haven Domestic Abuse Service": "safehaven",
    "Second Chance Recovery": "second-chance",
    "Bridge Employment Project": "bridge-employment",
    "Welcome Hub for New Arrivals": "welcome-hub",
}

# organisation, service, categories, eligibility, min age, max age, fees, description
SERVICES: tuple[tuple[str, str, str, str, int | None, int | None, str, str], ...] = (
    ("Riverside Community Trust", "Riverside Food Bank", "Food; Emergency",
     "Anyone referred by a professional (GP, social worker, school, housing officer). "
     "Three referrals in six months, then a conversation about what else would help.",
     None, None, "Free", "Three days' emergency food, toiletries and baby supplies."),
    ("Riverside Community Trust", "Warm Space Wednesdays", "Older people; Social contact",
     "Open to anyone; aimed at people living alone.", None, None, "Free",
     "A warm room, hot drinks and lunch, with company and a quiz."),
    ("Riverside Community Trust", "Holiday Lunch Club", "Food; Young people; Families",
     "Children on free school meals, with a parent or carer.", 5, 16, "Free",
     "Lunch and activities in the school holidays."),
    ("Northgate Council", "Housing Options and Homelessness Prevention", "Housing; Emergency",
     "Residents of Northgate at risk of losing their home within 56 days, or homeless now.",
     None, None, "Free", "Assessment, a personal housing plan, and help to keep a tenancy."),
    ("Northgate Council", "Household Support Fund", "Money; Food; Energy",
     "Northgate households on a low income; one award in six months.", None, None, "Free",
     "Vouchers for food and energy, applied for by a professional on the family's behalf."),
    ("Northgate Council", "Adult Social Care Front Door", "Disability; Older people; Carers",
     "Adults who may need care and support, and their carers.", 18, None, "Free; charges "
     "may apply to care arranged afterwards", "Advice, assessment and information."),
    ("Northgate Council", "Youth Service Drop-in", "Young people; Mental health",
     "Young people living or at school in Northgate.", 11, 19, "Free",
     "Youth workers, activities and one-to-one support; no appointment needed."),
    ("Hillside Advice Centre", "Debt Advice", "Money; Legal",
     "Adults with any kind of debt, including rent and council tax arrears.", 18, None,
     "Free", "Confidential advice, budgeting, and dealing with creditors and bailiffs."),
    ("Hillside Advice Centre", "Benefits Check and Appeals", "Money; Legal",
     "Anyone claiming or entitled to benefits, or appealing a decision.", None, None, "Free",
     "Checks entitlement, helps with forms, and represents at tribunals."),
    ("Hillside Advice Centre", "Energy Advice", "Money; Energy",
     "Households struggling with fuel bills or prepayment meters.", None, None, "Free",
     "Switching, grants, debt with suppliers, and emergency top-ups."),
    ("Open Door Housing Association", "Young People's Supported Housing", "Housing; Young people",
     "Young people who are homeless or at risk, including care leavers.", 16, 25,
     "Service charge, mostly covered by housing benefit",
     "Rooms with a key worker, and help to move on to a home of their own."),
    ("Open Door Housing Association", "Tenancy Sustainment", "Housing; Money",
     "Tenants of any landlord in Northgate at risk of losing their tenancy.", 18, None, "Free",
     "Up to six months' support with rent, repairs, neighbours and benefits."),
    ("Beacon Mental Health Network", "Crisis Café", "Mental health; Emergency",
     "Adults in emotional distress; walk in, no referral.", 18, None, "Free",
     "A calm place in the evening with trained staff, as an alternative to A&E."),
    ("Beacon Mental Health Network", "Talking Therapies Self-Referral", "Mental health",
     "Adults registered with a Northgate GP, with anxiety or low mood.", 18, None, "Free",
     "Assessment, then guided self-help, courses or counselling."),
    ("Beacon Mental Health Network", "Peer Support Groups", "Mental health; Social contact",
     "Anyone living with a mental health condition.", 16, None, "Free",
     "Weekly groups led by people with lived experience."),
    ("St Anne's Church Hall Volunteers", "Community Clothing Bank", "Clothes; Families",
     "Anyone referred by a professional or a school.", None, None, "Free",
     "School uniform, coats and shoes, by appointment."),
    ("St Anne's Church Hall Volunteers", "Baby Basics", "Families; Emergency",
     "Expectant and new parents referred by a midwife, health visitor or social worker.",
     None, None, "Free", "Moses baskets, clothes, nappies and toiletries."),
    ("Family Roots Charity", "Parenting Together Course", "Families",
     "Parents and carers of children up to 12.", None, None, "Free",
     "A ten-week course on routines, behaviour and looking after yourself."),
    ("Family Roots Charity", "Family Mediation", "Families; Legal",
     "Separating parents who want to agree arrangements for their children.", None, None,
     "Free for parents on benefits; otherwise a sliding scale",
     "Mediation meetings and help to make a parenting plan."),
    ("Carers Together", "Carers' Assessment Support", "Carers",
     "Unpaid carers of any age looking after someone in Northgate.", None, None, "Free",
     "Help to prepare for a carer's assessment, and to get breaks."),
    ("Carers Together", "Young Carers Club", "Carers; Young people",
     "Children who look after a family member.", 8, 17, "Free",
     "Fortnightly activities and trips, and support at school."),
    ("Safe Haven Domestic Abuse Service", "Independent Domestic Violence Advisers",
     "Domestic abuse; Legal",
     "Anyone at high risk of harm from a partner, ex-partner or family member.", 16, None,
     "Free", "Safety planning, support through court, and a voice at MARAC."),
    ("Safe Haven Domestic Abuse Service", "Refuge Referrals", "Domestic abuse; Housing; Emergency",
     "Women and children who need to leave home to be safe.", None, None, "Free",
     "Finds a refuge place, here or elsewhere, and arranges the move."),
    ("Second Chance Recovery", "Drug and Alcohol Service", "Substance use; Health",
     "Adults worried about their drinking or drug use; self-referral welcome.", 18, None,
     "Free", "Assessment, prescribing, key work and groups."),
    ("Second Chance Recovery", "Family and Friends Support", "Substance use; Families",
     "Anyone affected by someone else's drinking or drug use.", None, None, "Free",
     "A monthly group and one-to-one support."),
    ("Bridge Employment Project", "Back to Work Coaching", "Employment",
     "Adults out of work for six months or more.", 18, 66, "Free",
     "A coach, CV help, interview practice and help with travel costs."),
    ("Bridge Employment Project", "Digital Skills Drop-in", "Employment; Digital",
     "Anyone who wants help with a phone, a laptop or forms online.", None, None, "Free",
     "Volunteers help with email, online benefits and video calls; laptops to borrow."),
    ("Welcome Hub for New Arrivals", "Refugee and Asylum Advice", "Legal; Refugees",
     "People seeking asylum, refugees and their families.", None, None, "Free",
     "Advice on asylum support, family reunion and the move-on period."),
    ("Welcome Hub for New Arrivals", "English Conversation Club", "Refugees; Social contact",
     "Anyone learning English.", 16, None, "Free", "Informal practice with volunteers."),
    ("Northgate Council", "Blue Badge and Travel Pass", "Disability; Older people",
     "Residents with a disability that affects getting about, or over state pension age.",
     None, None, "£10 for a Blue Badge", "Applications and renewals."),
)  # fmt: skip

HOURS = (
    "Mon-Fri 09:00-17:00",
    "Mon-Thu 09:30-16:30; Fri 09:30-13:00",
    "Tue, Thu 10:00-14:00",
    "Wed 18:00-21:00",
    "By appointment",
    "Fri-Sun 17:00-23:00",
)
LANGUAGES = ("English", "Polish", "Urdu", "Arabic", "Romanian", "Punjabi", "Tigrinya")
# Services added by hand, not from the package, and the one gone from it since.
BY_HAND = frozenset({"Warm Space Wednesdays", "Baby Basics", "English Conversation Club"})
WITHDRAWN = "Energy Advice"


def write(rng: random.Random, today: date, area: str) -> int:
    """Write the directory (inside the demo's write transaction); returns how many services.
    ``area`` is the demo's main town, where most of them are offered."""
    when = datetime.combine(today - timedelta(days=40), time(9, 0))
    organisations: dict[str, int] = {}
    for n, (name, host) in enumerate(ORGANISATIONS.items(), 1):
        organisations[name] = ResourceOrganisation.create(
            name=name,
            name_key=fold(name),
            website=f"https://{host}.example.org",
            email=f"hello@{host}.example.org",
            hsds_source=SOURCE,
            hsds_id=f"org-{n:03d}",
            created_at=when,
            updated_at=when,
        ).id
    for n, (org, name, categories, eligibility, low, high, fees, description) in enumerate(
        SERVICES, 1
    ):
        host = ORGANISATIONS[org]
        spoken = ["English", *rng.sample(LANGUAGES[1:], rng.choice((0, 0, 1, 2)))]
        values = {
            "name": name,
            "description": description,
            "eligibility": eligibility,
            "min_age": low,
            "max_age": high,
            "area": area if rng.random() < 0.6 else "",
            "address": f"{rng.randint(1, 120)} {rng.choice(STREETS)}, {area}",
            "phone": f"0113 496 {rng.randint(0, 999):03d}{rng.randint(0, 9)}",
            "email": f"{fold(name.split()[0]).strip(chr(39))}@{host}.example.org",
            "website": f"https://{host}.example.org/{n}",
            "opening_hours": rng.choice(HOURS),
            "fees": fees,
            "languages": joined(spoken),
            "categories": joined([c.strip() for c in categories.split(";")]),
        }
        hand = name in BY_HAND
        ResourceService.create(
            organisation=organisations[org],
            **values,
            **keys(values, org),
            hsds_source="" if hand else SOURCE,
            hsds_id=None if hand else f"svc-{n:03d}",
            withdrawn_at=when + timedelta(days=30) if name == WITHDRAWN else None,
            created_at=when,
            updated_at=when,
        )
    return len(SERVICES)


STREETS = ("High Street", "Market Street", "Mill Lane", "Church Road", "Station Road", "Park View")
