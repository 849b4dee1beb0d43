"""The list of formats `duegraph load` and `bulk-import` know: name -> Format."""

from __future__ import annotations

from loaders.contract import Format


def registry() -> dict[str, Format]:
    # Imported here so that a format's heavy dependency loads only when it is used.
    from loaders import accounts, bodacc, bods, companies_house, ftm, gleif, kbo, rne

    formats = [
        bods.FORMAT,
        *companies_house.FORMATS,
        ftm.FORMAT,
        *gleif.FORMATS,
        kbo.FORMAT,
        bodacc.FORMAT,
        rne.FORMAT,
        *accounts.FORMATS,
    ]
    return {f.name: f for f in formats}
