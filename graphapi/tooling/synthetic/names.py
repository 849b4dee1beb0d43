"""Name, address and identifier pools for the synthetic registry (multilingual, realistic).

No word in a pool is a substring of another word of the same pool, so that two generated company
names never look "similar" (token Jaccard >= 0.6 or containment) by accident: only planted
phoenix successors do.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass


def _split(text: str) -> list[str]:
    """Pools are written as comma-separated text to keep this module short."""
    return [w.strip() for w in text.split(",")]


def _towns(text: str) -> list[tuple[str, str, str]]:
    """Towns written as town:postcode area:country, comma-separated."""
    return [(town, area, country) for town, area, country in (t.split(":") for t in _split(text))]


# (nationality as Companies House writes it, ISO country code, country name, weight,
#  male forenames, female forenames, surnames)
CULTURES: list[tuple[str, str, str, int, list[str], list[str], list[str]]] = [
    (
        "British",
        "GB",
        "United Kingdom",
        60,
        _split(
            "James, Oliver, Thomas, William, Harry, George, Jack, Edward, Daniel, Matthew, "
            "Andrew, Richard, Stephen, Paul, Mark, Christopher, Simon, Robert, Michael, "
            "Peter, Graham, Nigel, Adrian, Gareth, Callum"
        ),
        _split(
            "Emma, Charlotte, Sophie, Hannah, Lucy, Amelia, Olivia, Rebecca, Claire, Sarah, "
            "Rachel, Helen, Louise, Victoria, Joanne, Gemma, Fiona, Megan"
        ),
        _split(
            "Smith, Jones, Taylor, Brown, Williams, Wilson, Johnson, Davies, Robinson, "
            "Wright, Thompson, Evans, Walker, White, Roberts, Green, Hall, Wood, Jackson, "
            "Clarke, Patterson, Hughes, Edwards, Turner, Harris, Lewis, Morgan, Cooper, "
            "Ward, Baker, Parker, Bennett, Cook, Griffiths, Harrison, Kelly, Marshall, "
            "Owen, Pritchard, Sutcliffe"
        ),
    ),
    (
        "Irish",
        "IE",
        "Ireland",
        5,
        _split("Sean, Ciaran, Declan, Padraig, Eoin, Niall"),
        _split("Aoife, Siobhan, Niamh, Orla, Roisin, Grainne"),
        _split("Murphy, O'Brien, Byrne, Ryan, O'Sullivan, Walsh, McCarthy, Doyle"),
    ),
    (
        "Belgian",
        "BE",
        "Belgium",
        6,
        _split("Jan, Pieter, Koen, Wouter, Luc, Thibaut, Dries, Geert, Maxime"),
        _split("Els, Katrien, Annelies, Sofie, Lien, Nathalie, Veerle, Elise"),
        _split(
            "Peeters, Janssens, Maes, Jacobs, Mertens, Willems, Claes, Goossens, Wouters, "
            "De Smet, Vermeulen, Van den Broeck, Dubois, Lambert"
        ),
    ),
    (
        "French",
        "FR",
        "France",
        6,
        _split("Jean, Émile, François, Julien, Mathieu, Olivier, Rémi, Guillaume"),
        _split("Marie, Hélène, Camille, Élodie, Margaux, Céline, Aurélie, Juliette"),
        _split(
            "Dupont, Martin, Bernard, Lefèvre, Moreau, Girard, Rousseau, Fontaine, "
            "Chevalier, Mercier, Blanchard, Gauthier"
        ),
    ),
    (
        "Polish",
        "PL",
        "Poland",
        5,
        _split("Krzysztof, Tomasz, Piotr, Grzegorz, Łukasz, Marek"),
        _split("Agnieszka, Katarzyna, Małgorzata, Joanna, Magdalena, Ewa"),
        _split("Kowalski, Nowak, Wiśniewski, Wójcik, Kamiński, Lewandowski, Zieliński"),
    ),
    (
        "Indian",
        "IN",
        "India",
        7,
        _split("Rajesh, Sanjay, Arjun, Vikram, Anil, Rohit, Deepak"),
        _split("Priya, Anjali, Sunita, Kavita, Meera, Neha"),
        _split("Patel, Sharma, Singh, Gupta, Mehta, Chaudhary, Iyer, Reddy"),
    ),
    (
        "Nigerian",
        "NG",
        "Nigeria",
        4,
        _split("Chinedu, Oluwaseun, Emeka, Tunde, Ikenna"),
        _split("Ngozi, Adaeze, Folake, Chiamaka, Yetunde"),
        _split("Okafor, Adeyemi, Okonkwo, Balogun, Eze, Nwosu"),
    ),
    (
        "Chinese",
        "CN",
        "China",
        3,
        _split("Wei, Jun, Hao, Ming"),
        _split("Xiu, Mei, Ling, Yan"),
        _split("Zhang, Wang, Chen, Liu, Huang, Zhao"),
    ),
    (
        "Italian",
        "IT",
        "Italy",
        2,
        _split("Giuseppe, Marco, Alessandro, Luca"),
        _split("Giulia, Chiara, Francesca, Alessia"),
        _split("Rossi, Bianchi, Romano, Colombo, Ricci"),
    ),
    (
        "Romanian",
        "RO",
        "Romania",
        2,
        _split("Andrei, Mihai, Bogdan, Cristian"),
        _split("Ioana, Elena, Alina, Roxana"),
        _split("Popescu, Ionescu, Dumitru, Stoica"),
    ),
]
_CULTURE_WEIGHTS = [c[3] for c in CULTURES]

# Activity word -> SIC 2007 code (validated against the CH enumerations in the tests).
ACTIVITIES: list[tuple[str, str]] = [
    (w.split(":")[0], w.split(":")[1])
    for w in _split(
        "Roofing:43910, Logistics:49410, Consulting:70229, Bakery:10710, Software:62012, "
        "Construction:41202, Cleaning:81210, Catering:56210, Motors:45111, Property:68209, "
        "Recruitment:78109, Electrical:43210, Plumbing:43220, Design:74100, "
        "Marketing:73110, Haulage:49410, Trading:46900, Dental:86230, Care:87100, "
        "Security:80100, Imports:46190, Travel:79110, Engineering:71129, Textiles:13300, "
        "Foods:10890, Media:59112, Landscaping:81300, Joinery:43320, Scaffolding:43991, "
        "Accountancy:69201, Interiors:43390, Fitness:93130, Pharmacy:47730, Garage:45200, "
        "Investments:64209, Printing:18129, Brewing:11050, Veterinary:75000, "
        "Tutoring:85590, Plastering:43310"
    )
]

PREFIXES: list[str] = _split(
    "Northgate, Riverside, Oakwood, Harbour, Summit, Kingsley, Meadowbrook, Ashcombe, "
    "Beacon, Castleford, Derwent, Elmhurst, Fairhaven, Greystone, Hawthorn, Ironbridge, "
    "Juniper, Kestrel, Larkspur, Marlow, Newbury, Orchard, Pennine, Quayside, Redcliffe, "
    "Stonebridge, Thornbury, Upland, Valley, Westbourne, Yarrow, Zenith, Albion, Bramley, "
    "Cobalt, Dunmore, Everton, Foxglove, Glenmore, Highfield, Ivydale, Jubilee, Keswick, "
    "Linden, Mercia, Norfolk, Osprey, Parkside, Queensway, Rosemount, Saxon, Tudor, Unity, "
    "Vanguard, Wessex, Alder, Birchwood, Cedar, Dovecote, Eastfield, Falcon, Granite, "
    "Heron, Inverness, Kingfisher, Lowther, Millbrook, Nimbus, Oakley, Pinnacle, Quarry, "
    "Ravenscroft, Sterling, Trident, Umber, Vista, Willow, Yew, Anchor, Blackthorn, "
    "Crescent, Drummond, Embassy, Forge, Galleon, Horizon, Indigo, Jasper, Kiln, Lantern, "
    "Magnolia, Northstar, Obsidian, Pebble, Quill, Regent, Sapphire, Tamar, Ursa, Velvet, "
    "Wharf, Amber, Bluebell, Compass, Aspen, Bracken, Clover, Dalton, Ember, Fenwick, "
    "Gable, Hazel, Islay, Juno, Kirkby, Lomond, Maple, Nevis, Oriel, Poplar, Rowan, "
    "Severn, Thistle, Ulster, Verity, Wren, Avalon, Buxton, Calder, Dorset, Exmoor, "
    "Fulbrook, Galway, Hampton, Isis, Jura, Kendal, Ludlow, Malvern, Nene, Ormond, "
    "Penrith, Quantock, Ribble, Selkirk, Teviot, Usk, Wensley, Arden, Bideford, Cheviot, "
    "Dartmoor, Evesham, Frome, Gower, Harlech, Ilkley, Kielder, Lundy, Mendip, Nidd, "
    "Otley, Purbeck, Rydal, Skye, Tweed, Wye, Axminster, Brecon, Cotswold, Dover, "
    "Ettrick, Fylde, Grampian, Holloway, Irwell, Kennet, Lune, Morven, Naver, Orwell, "
    "Peak, Ryedale, Solway, Thames, Ure, Wolds, Cairn, Dunbar, Elgin, Findhorn, "
    "Glencoe, Hebridean, Iona, Kintyre, Lochan, Moray, Nairn, Orkney, Pentland, Ross"
)

QUALIFIERS: list[str] = _split(
    "Global, United, Premier, Coastal, Digital, Green, Royal, Prime, Modern, Classic, "
    "National, Regional, Urban, Rural, Smart, Rapid, Bespoke, Quality, Express, Heritage, "
    "Elite, Direct, Allied, Central, Integrated, Advanced, Precision, Trusted, Bright, "
    "Solid, Swift, Total, Crown, Capital, Metro, Atlantic, Pacific, Northern, Southern, "
    "Western, Eastern, Alpine, Summer, Winter, Golden, Silver, Scarlet, Evergreen, Ideal, "
    "Optimum, Reliable, Premium, Noble, Vital, Dynamic, Fusion, Clear, Fresh, Grand, "
    "Honest, Local, Native, Proper, Steady"
)

# Second qualifiers, drawn only once the three-word names above run out (about 450k of them, a
# world of over 300k companies): new words, so two names still share at most two words.
CROWDED_QUALIFIERS: list[str] = _split(
    "Acme, Apex, Atlas, Aurora, Beryl, Blaze, Bolt, Brisk, Canopy, Cardinal, Cascade, "
    "Centurion, Citadel, Civic, Comet, Condor, Copper, Coral, Cosmos, Crystal, Cypress, "
    "Delta, Diamond, Domain, Dragon, Eagle, Echo, Eclipse, Emerald, Empire, Epoch, Equinox, "
    "Fathom, Fern, Firefly, Flagship, Fortune, Frontier, Gemini, Glacier, Griffin, Guardian, "
    "Harvest, Helix, Hemlock, Hudson, Icon, Insight, Ivory, Jade, Javelin, Keystone, "
    "Kinetic, Lagoon, Legacy, Liberty, Lotus, Lunar, Lynx, Mammoth, Marble, Matrix, "
    "Meridian, Mistral, Monarch, Mosaic, Nautilus, Nebula, Nova, Oasis, Olive, Omega, Onyx, "
    "Opal, Orbit, Origin, Paragon, Pegasus, Pelican, Pilgrim, Pioneer, Pivot, Polar, Prism, "
    "Pulse, Quantum, Quartz, Radiant, Rampart, Relay, Rocket, Sable, Saffron, Sequoia, "
    "Sentinel, Sierra, Solstice, Sonic, Spruce, Stellar, Tempest, Terra, Titan, Topaz, "
    "Torch, Tundra, Turquoise, Typhoon, Vector, Vertex, Viking, Vortex, Walnut, Zephyr, "
    "Acorn, Badger, Basalt, Beech, Bison, Cobble, Cricket, Dune, Flint, Garnet, Heather, "
    "Ingot, Jetty, Lichen, Mallard, Nettle, Otter, Puffin, Sorrel, Thrush, Tulip, Vale, "
    "Warbler, Yeoman, Zinc, Acumen, Candle, Dawn, Fable, Galaxy, Halcyon, Kite, Lyric, "
    "Nectar, Ocean, Plume, Saga, Tally, Umbra, Voyager, Zodiac, Argent, Bastion, Cavalier, "
    "Crest, Dynamo, Envoy, Harbinger, Lodestar, Marquis, Pennant, Ranger, Sovereign, "
    "Vantage, Beaver, Cormorant, Curlew, Dipper, Egret, Fulmar, Gannet, Linnet, Merlin, "
    "Nuthatch, Plover, Siskin, Swallow, Teal, Wagtail"
)

# Street names and UK towns with plausible postcode areas.
STREETS: list[str] = _split(
    "High Street, Station Road, Church Lane, Victoria Road, Mill Lane, King Street, Queen "
    "Street, Park Avenue, London Road, Market Place, Bridge Street, Green Lane, Manor Road, "
    "Albert Road, New Street, Castle Street, York Road, Chapel Street, North Street, South "
    "Street, Grange Road, Springfield Road, Westfield Avenue, The Crescent, Orchard Way, "
    "Riverside Drive, Broad Street, Kingsway, Mount Pleasant, Windsor Road"
)
TOWNS: list[tuple[str, str, str]] = _towns(
    "London:EC1:England, London:N1:England, London:SE1:England, Manchester:M1:England, "
    "Birmingham:B1:England, Leeds:LS1:England, Bristol:BS1:England, "
    "Liverpool:L1:England, Sheffield:S1:England, Nottingham:NG1:England, "
    "Leicester:LE1:England, Newcastle upon Tyne:NE1:England, Southampton:SO14:England, "
    "Norwich:NR1:England, Cambridge:CB1:England, Oxford:OX1:England, "
    "Brighton:BN1:England, York:YO1:England, Exeter:EX1:England, Cardiff:CF10:Wales, "
    "Swansea:SA1:Wales, Reading:RG1:England, Coventry:CV1:England, Preston:PR1:England, "
    "Derby:DE1:England"
)
SCOTTISH_TOWNS: list[tuple[str, str, str]] = _towns(
    "Edinburgh:EH1:Scotland, Glasgow:G1:Scotland, Aberdeen:AB10:Scotland, Dundee:DD1:Scotland"
)
OCCUPATIONS: list[str] = _split(
    "Director, Company Director, Managing Director, Consultant, Engineer, Accountant, "
    "Builder, Chef, Retailer, Software Developer, Electrician, Business Owner, Sales "
    "Manager, Dentist, Designer"
)

_ID_CHARS = string.ascii_letters + string.digits + "_-"
_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the inward code never uses C, I, K, M, O, V


@dataclass(frozen=True, slots=True)
class Culture:
    nationality: str
    code: str
    country: str


def pick_culture(rng: random.Random) -> tuple[Culture, list[str], list[str], list[str]]:
    c = rng.choices(CULTURES, weights=_CULTURE_WEIGHTS)[0]
    return Culture(c[0], c[1], c[2]), c[4], c[5], c[6]


def officer_id(rng: random.Random) -> str:
    """Companies House officer ids are 27 URL-safe characters."""
    return "".join(rng.choice(_ID_CHARS) for _ in range(27))


def postcode(rng: random.Random, area: str) -> str:
    letters = rng.choice(_POSTCODE_LETTERS) + rng.choice(_POSTCODE_LETTERS)
    return f"{area} {rng.randint(1, 9)}{letters}"


def be_enterprise_number(seed: int) -> str:
    """A valid KBO/BCE number: 0 + 7 digits, then the mod-97 check (97 - base mod 97)."""
    base = 1_000_000 + seed % 8_999_999  # the 8-digit base keeps its leading 0
    return f"0{base:07d}{97 - base % 97:02d}"


def fr_siren(base8: int) -> str:
    """A valid SIREN: 8 digits + Luhn check digit."""
    body = f"{10_000_000 + base8 % 89_999_999:08d}"
    for check in range(10):
        digits = [int(d) for d in body + str(check)]
        total = 0
        for i, d in enumerate(reversed(digits)):
            if i % 2 == 1:
                d *= 2
                if d > 9:
                    d -= 9
            total += d
        if total % 10 == 0:
            return body + str(check)
    raise AssertionError("unreachable: one Luhn digit always fits")
