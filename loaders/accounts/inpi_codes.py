"""French liasse-fiscale line codes (Cerfa forms) -> the canonical figures, for the comptes
annuels the INPI publishes from the RNE ("bilans saisis").

No real INPI sample was available: this table was written from the forms' documentation, not
from data (docs/accounts.md lists the sources and what is still to check against the official
PDFs). Each code is read in one column of the INPI record (`m1`..`m4` are the form's columns in
order):

- 2050-SD actif (codes AA..CX): m1 gross, m2 depreciation, m3 net year N, m4 net N-1.
- 2051-SD passif (codes DA..EK): m1 year N, m2 N-1.
- 2052-SD compte de résultat, operating and financial (codes FA..GW): the sales rows have
  France / export / total columns and INPI keys the row by its first code (FJ for "chiffre
  d'affaires net"): m3 total year N, m4 N-1.
- 2053-SD compte de résultat, exceptional items and result (codes HA..HN): m1 N, m2 N-1.
- 2033-A-SD simplified balance sheet (codes 010..199): m3 net / year N, m4 N-1.
- 2033-B-SD simplified P&L (codes 200..399): m1 year N, m2 N-1.
"""

from __future__ import annotations

from dataclasses import dataclass

Column = tuple[str, str]  # (year N column, year N-1 column)


def columns(code: str) -> Column | None:
    """Which columns hold year N and N-1 for a line code, by the form it belongs to."""
    if code.isdigit():
        n = int(code)
        if n < 200:
            return ("m3", "m4")  # 2033-A
        if n < 400:
            return ("m1", "m2")  # 2033-B
        return None
    head = code[:1]
    if head in ("A", "B", "C"):
        return ("m3", "m4")  # 2050 actif
    if head in ("D", "E"):
        return ("m1", "m2")  # 2051 passif
    if head in ("F", "G"):
        return ("m3", "m4")  # 2052
    if head == "H":
        return ("m1", "m2")  # 2053
    return None


@dataclass(frozen=True)
class Rule:
    codes: tuple[str, ...]
    sum: bool = False  # add the codes present; else the first present wins


# Régime réel normal (typeBilan C) and consolidated accounts (K, same codes): Cerfa 2050-2053.
NORMAL: dict[str, Rule] = {
    "fixed_assets": Rule(("BJ",)),  # total (I) actif immobilisé, net
    "inventories": Rule(("BL", "BN", "BP", "BR", "BT"), sum=True),  # stocks and work in progress
    "trade_receivables": Rule(("BX",)),  # clients et comptes rattachés
    "cash": Rule(("CF", "CD"), sum=True),  # disponibilités + valeurs mobilières de placement
    "current_assets": Rule(("CJ",)),  # total (II) actif circulant
    "total_assets": Rule(("CO",)),  # total général actif
    "equity": Rule(("DL",)),  # total (I) capitaux propres
    "provisions": Rule(("DR",)),  # provisions pour risques et charges
    "total_debts": Rule(("EC",)),  # total dettes
    # emprunts obligataires convertibles, autres emprunts obligataires, emprunts auprès des
    # établissements de crédit, emprunts et dettes financières divers
    "financial_debts": Rule(("DS", "DT", "DU", "DV"), sum=True),
    "trade_payables": Rule(("DX",)),  # dettes fournisseurs et comptes rattachés
    "turnover": Rule(("FJ",)),  # chiffre d'affaires net (row FJ/FK/FL: total column)
    "purchases": Rule(("FS", "FU"), sum=True),  # achats de marchandises + matières premières
    "staff_costs": Rule(("FY", "FZ"), sum=True),  # salaires et traitements + charges sociales
    "depreciation": Rule(("GA",)),  # dotations aux amortissements sur immobilisations
    "operating_result": Rule(("GG",)),  # résultat d'exploitation
    "profit_before_tax": Rule(("GW",)),  # résultat courant avant impôts
    "net_result": Rule(("HN", "DI")),  # bénéfice ou perte (2053), else résultat (2051)
}

# Régime simplifié (typeBilan S): Cerfa 2033-A (bilan) and 2033-B (compte de résultat).
SIMPLIFIED: dict[str, Rule] = {
    "fixed_assets": Rule(("044",)),  # total (I) actif immobilisé
    "trade_receivables": Rule(("068",)),  # clients et comptes rattachés
    "cash": Rule(("084", "080"), sum=True),  # disponibilités + valeurs mobilières de placement
    "current_assets": Rule(("096",)),  # total (II) actif circulant
    "total_assets": Rule(("110",)),  # total général actif
    "equity": Rule(("142",)),  # total (I) capitaux propres
    "provisions": Rule(("154",)),  # provisions pour risques et charges
    "financial_debts": Rule(("156",)),  # emprunts et dettes assimilées
    "trade_payables": Rule(("166",)),  # fournisseurs et comptes rattachés
    "total_debts": Rule(("176",)),  # total (III) dettes
    # ventes de marchandises + production vendue de biens + de services
    "turnover": Rule(("210", "214", "218"), sum=True),
    "purchases": Rule(("234", "238"), sum=True),  # achats de marchandises + matières premières
    "staff_costs": Rule(("250", "252"), sum=True),  # rémunérations + charges sociales
    "depreciation": Rule(("254",)),  # dotations aux amortissements
    "operating_result": Rule(("270",)),  # résultat d'exploitation
    "net_result": Rule(("310", "136")),  # bénéfice ou perte (2033-B), else résultat (2033-A)
}

TYPES = {"C": NORMAL, "K": NORMAL, "S": SIMPLIFIED}
