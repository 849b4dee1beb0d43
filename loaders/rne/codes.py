"""RNE codes: the roles of `composition.pouvoirs[].roleEntreprise` and a few legal forms.

Role codes and labels are those of INPI's RNE data dictionary ("Dictionnaire de données du RNE",
table roleEntreprise), as the public clients of the RNE API reproduce it (data.gouv.fr's
annuaire-entreprises pipeline; le-filament's INPI connector). A role is mapped to our normalised
director roles; auditors and court-appointed agents are officers of the register, not people who
run the company, and are not kept as directors (they would look like serial directors of
failed companies).
"""

from __future__ import annotations

ROLE_LABELS: dict[str, str] = {
    "11": "Membre",
    "13": "Contrôleur de gestion",
    "14": "Contrôleur des comptes",
    "23": "Autre associé majoritaire",
    "28": "Gérant et associé indéfiniment et solidairement responsable",
    "29": "Gérant et associé indéfiniment responsable",
    "30": "Gérant",
    "40": "Liquidateur",
    "41": "Associé unique (qui participe à l'activité EURL)",
    "51": "Président du conseil d'administration",
    "52": "Président du directoire",
    "53": "Directeur général",
    "55": "Dirigeant à l'étranger d'une personne morale étrangère",
    "56": "Dirigeant en France d'une personne morale étrangère",
    "60": "Président du conseil d'administration et directeur général",
    "61": "Président du conseil de surveillance",
    "63": "Membre du directoire",
    "64": "Membre du conseil de surveillance",
    "65": "Administrateur",
    "66": "Personne ayant le pouvoir d'engager à titre habituel la société",
    "67": "Personne ayant le pouvoir d'engager l'établissement",
    "69": "Directeur général unique de SA à directoire",
    "70": "Directeur général délégué",
    "71": "Commissaire aux comptes titulaire",
    "72": "Commissaire aux comptes suppléant",
    "73": "Président de SAS",
    "74": "Associé indéfiniment et solidairement responsable",
    "75": "Associé indéfiniment responsable",
    "76": "Représentant social d'une entreprise étrangère sans établissement en France",
    "77": "Représentant fiscal d'une entreprise étrangère sans établissement en France",
    "82": "Indivisaire",
    "86": "Exploitant pour le compte de l'indivision",
    "90": "Personne physique, exploitant en commun",
    "94": "Membre non salarié participant aux travaux",
    "95": "Associé qui participe à la gestion",
    "96": "Associé non salarié",
    "97": "Mandataire ad hoc",
    "98": "Administrateur provisoire",
    "99": "Autre",
    "100": "Repreneur",
    "101": "Entrepreneur",
    "103": "Suppléant",
    "104": "Personne chargée du contrôle",
    "105": "Personne décisionnaire désignée",
    "106": "Comptable",
    "107": "Héritier indivisaire",
    "108": "Loueur",
    "109": "Mandataire fiscal",
    "110": "Vice-président",
    "111": "Vice-président du directoire",
    "120": "Vice-président du conseil d'orientation et de surveillance",
    "121": "Président du conseil d'orientation et de surveillance",
    "122": "Membre du conseil d'orientation et de surveillance",
    "130": "Associé unique qui récupère le patrimoine",
    "131": "Associé commandité",
    "132": "Associé commanditaire",
    "140": "Président de l'EPIC",
    "150": "Avocat",
    "200": "Fiduciaire",
    "201": "Dirigeant",
    "202": "Représentant de l'assujetti unique",
    "203": "Membre bénéficiant d'un mandat général d'administration",
    "204": "Personne capable d'engager l'entité",
    "205": "Président",
    "206": "Directeur",
    "207": "Trésorier",
    "208": "Secrétaire",
    "209": "Secrétaire général",
    "210": "Membre du conseil syndical",
    "211": "Président du conseil syndical",
    "212": "Personne désignée par les statuts",
}

# Who runs the company: gérant, président, directeur général (and délégué), PDG, directoire.
_MANAGING = {"28", "29", "30", "52", "53", "55", "56", "60", "69", "70", "73", "140", "205"}
_CHAIR = {"51", "61", "121", "211"}
_BOARD = {"63", "64", "65", "110", "111", "120", "122", "203", "207", "210"}
_SECRETARY = {"208", "209"}
_PARTNER = {"74", "75", "95", "131"}
_LIQUIDATOR = {"40"}
# Register officers, not directors: auditors, court-appointed agents, professional advisers.
NOT_DIRECTORS = frozenset({"13", "14", "71", "72", "97", "98", "103", "104", "106", "109", "150"})


def role(code: str) -> str:
    """Our normalised role for an RNE roleEntreprise code (unknown codes: director)."""
    if code in _MANAGING:
        return "managing_director"
    if code in _CHAIR:
        return "board_chair"
    if code in _BOARD:
        return "board_member"
    if code in _SECRETARY:
        return "secretary"
    if code in _PARTNER:
        return "partner"
    if code in _LIQUIDATOR:
        return "liquidator"
    return "director"


def role_label(code: str) -> str:
    label = ROLE_LABELS.get(code)
    return f"{label} ({code})" if label else f"rôle RNE {code}"


# INSEE catégories juridiques (niveau III) of the forms met most; others keep their code.
LEGAL_FORMS: dict[str, str] = {
    "1000": "Entrepreneur individuel",
    "5202": "Société en nom collectif",
    "5306": "Société en commandite simple",
    "5410": "SARL nationale",
    "5498": "SARL unipersonnelle",
    "5499": "Société à responsabilité limitée",
    "5505": "SA à participation ouvrière à conseil d'administration",
    "5599": "SA à conseil d'administration",
    "5699": "SA à directoire",
    "5710": "Société par actions simplifiée",
    "5720": "Société par actions simplifiée à associé unique",
    "6540": "Société civile immobilière",
    "6599": "Autre société civile",
    "9220": "Association déclarée",
}


def legal_form(code: str | None) -> str | None:
    if not code:
        return None
    label = LEGAL_FORMS.get(code)
    return f"{label} ({code})" if label else f"catégorie juridique {code}"
