"""Refresh the user guide's pictures from the screenshots the window-fit test saves at 1366×768.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest \
        "tests/desktop/views/test_window_fit.py::test_every_page_and_dialog_fits_the_screen[1366x768]"
    .venv/bin/python scripts/guide_pictures.py

Each picture of resources/guide/images is written from the screenshot of the same screen,
in 256 colours (a screen has few; the pictures are a third of their size and look the
same). Look at each one before committing it, and at the guide's text beside it.
"""

from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "screenshots"
IMAGES = ROOT / "resources" / "guide" / "images"

# the guide's picture: the window-fit test's screenshot of that screen
PICTURES = {
    "01-main-window": "fit-page-1-membersPage",
    "05-editor-qr": "fit-member-qr",
    "08-import-preview": "fit-member-import-preview",
    "10-wizard-unit": "fit-setup-wizard",
    "13-dues-page": "fit-page-2-duesPage",
    "15-ledger": "fit-dues-ledger",
    "20-cash-page": "fit-page-3-cashPage",
    "22-bank-page": "fit-page-bank-with-account",
    "30-activities-page": "fit-page-5-activitiesPage",
    "38-minutes-editor": "fit-minutes-tab-1",
    "40-home-page": "fit-page-0-homePage",
    "41-reports-page": "fit-page-reports-shown",
    "42-sync-settings": "fit-settings-tab-8",
}


def main() -> None:
    missing = [shot for shot in PICTURES.values() if not (SHOTS / f"{shot}.png").exists()]
    if missing:
        raise SystemExit("Run the window-fit test first; missing: " + ", ".join(missing))
    for picture, shot in PICTURES.items():
        image = Image.open(SHOTS / f"{shot}.png").convert("RGB")
        image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        out = IMAGES / f"{picture}.png"
        image.save(out, optimize=True)
        print(f"{out.relative_to(ROOT)}  {image.size[0]}×{image.size[1]}  {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
