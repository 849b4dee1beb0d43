"""Refresh the vendored browser libraries from the npm registry (`make web-vendor`).

The workspace loads nothing from a CDN: each third-party file is committed under
static/vendor/<package>-<version>/ with the package's licence. VENDORED pins every package to
one version and names the files taken from its tarball; `npm pack` fetches the tarball through
the machine's ordinary npm configuration, and the integrity npm reports is written to
static/vendor/vendor.json beside the files, so a review can check what was committed.

    python -m graphapi.web.vendor          # fetch the pinned versions, replace the folder
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    files: tuple[str, ...]  # paths inside the tarball's package/ folder
    licence: str = "LICENSE"

    @property
    def folder(self) -> str:
        return f"{self.name}-{self.version}"


VENDORED = (
    # The network explorer's graph library (canvas; MIT).
    Package("cytoscape", "3.35.0", ("dist/cytoscape.esm.min.mjs",)),
    # GraphiQL 3 is the last release with a browser (UMD) build; it runs on React 18 (MIT).
    Package("graphiql", "3.8.3", ("graphiql.min.js", "graphiql.min.css")),
    Package("react", "18.3.1", ("umd/react.production.min.js",)),
    Package("react-dom", "18.3.1", ("umd/react-dom.production.min.js",)),
)


def _pack(pkg: Package, work: Path) -> tuple[Path, dict[str, str]]:
    out = subprocess.run(
        ["npm", "pack", "--json", "--pack-destination", str(work), f"{pkg.name}@{pkg.version}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    info = json.loads(out)[0]
    return work / info["filename"], {"integrity": info["integrity"], "shasum": info["shasum"]}


def vendor(
    packages: tuple[Package, ...] = VENDORED, target: Path = VENDOR_DIR
) -> dict[str, dict[str, str]]:
    manifest: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        staged = work / "vendor"
        for pkg in packages:
            tarball, sums = _pack(pkg, work)
            unpacked = work / pkg.folder
            with tarfile.open(tarball) as tar:
                tar.extractall(unpacked, filter="data")
            root = unpacked / "package"
            dest = staged / pkg.folder
            for rel in (*pkg.files, pkg.licence):
                (dest / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(
                    root / rel, dest / Path(rel).name if rel == pkg.licence else dest / rel
                )
            manifest[pkg.name] = {
                "version": pkg.version,
                "folder": pkg.folder,
                "licence": json.loads((root / "package.json").read_text()).get("license", ""),
                **sums,
            }
        (staged / "vendor.json").write_text(json.dumps(manifest, indent=2) + "\n")
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(staged, target)
    return manifest


if __name__ == "__main__":
    for name, entry in vendor().items():
        print(f"{name} {entry['version']} ({entry['licence']}) -> {entry['folder']}")
