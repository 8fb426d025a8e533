"""Redaction and chat parsing, without an OCR engine: people never reach storage."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from sejuk.reports.chat import MEMBER_MASK, PHONE_MASK, from_pasted, from_screenshot, redact
from sejuk.reports.ocr import OcrLine

DATA = Path(__file__).resolve().parents[1] / "data" / "reports"


def test_phone_numbers_in_every_usual_spelling_are_masked() -> None:
    for number in ("+62 812-3456-7890", "0812 3456 7890", "081234567890", "6281234567890",
                   "+62 21 5551 2345", "(022) 555 1234"):
        text = redact(f"hubungi {number} segera")
        assert "3456" not in text and "555" not in text, number
        assert PHONE_MASK in text
    assert redact("TPS 05 buka jam 07.00, 300 pemilih") == "TPS 05 buka jam 07.00, 300 pemilih"


def test_mentions_and_known_names_are_masked() -> None:
    text = redact("@Budi cek ini, kata Siti Rahayu benar", names=["Siti Rahayu", "Budi"])
    assert "Budi" not in text and "Siti" not in text and "Rahayu" not in text
    assert text.count(MEMBER_MASK) == 2


def test_pasted_export_loses_senders_times_and_markers() -> None:
    pasted = ("[19.42, 12/11/2024] Budi Santoso: Diteruskan\n"
              "[19.42, 12/11/2024] Budi Santoso: Info dari grup sebelah, surat suara sudah "
              "dicoblos. Hubungi +62 813-2222-1111\n"
              "12/11/24 19.45 - Siti: Astagfirullah, Budi itu benar?\n"
              "<Media tidak disertakan>")
    chat = from_pasted(pasted)
    assert chat.forwarded
    joined = chat.text
    assert "Budi" not in joined and "Siti" not in joined and "2222" not in joined
    assert "surat suara sudah dicoblos" in joined and "Media" not in joined
    assert len(chat.messages) == 2 and chat.redactions >= 4


def test_plain_forward_is_kept_as_written() -> None:
    chat = from_pasted("*Diteruskan berkali-kali*\nPENTING!!! Besok kumpul di depan KPU.\n"
                       "Sebarkan!")
    assert chat.forwarded and chat.forwarded_many
    assert chat.text == "PENTING!!! Besok kumpul di depan KPU.\nSebarkan!"


def test_screenshot_layout_drops_header_senders_times_and_chips() -> None:
    image = Image.new("RGB", (400, 800), (236, 229, 221))
    for y in range(0, 60):
        for x in range(400):
            image.putpixel((x, y), (0, 128, 105))
    lines = [OcrLine("Warga RT 03", 60, 5, 300, 25, 0.9),
             OcrLine("Budi, Siti, +62 812-1111-2222, Anda", 60, 30, 390, 50, 0.9),
             OcrLine("HARI INI", 160, 80, 240, 95, 0.9),
             OcrLine("+62 813-3333-4444 ~Agus", 20, 120, 300, 140, 0.9),
             OcrLine("Diteruskan", 20, 150, 120, 165, 0.9),
             OcrLine("Surat suara sudah dicoblos", 20, 175, 380, 200, 0.9),
             OcrLine("di gudang, kata Budi.", 20, 205, 300, 230, 0.9),
             OcrLine("19.42", 330, 240, 380, 255, 0.9),
             OcrLine("Ketik pesan", 20, 760, 200, 790, 0.9)]
    chat = from_screenshot(lines, image)
    assert chat.forwarded
    assert chat.messages == [f"Surat suara sudah dicoblos di gudang, kata {MEMBER_MASK}."]


EXPORT_MESSAGES = [
    "Assalamualaikum warga, mohon info yang beredar dicek dulu",
    "WASPADA!! Surat suara di gudang KPU Kecamatan Omben sudah dicoblos untuk paslon nomor 2.\n"
    "Copas dari grup sebelah, sebarkan sebelum dihapus!!",
    "Astaghfirullah, benar itu pak",
    "Besok kita kumpul di kantor PPK Omben jam 8, bawa warga sebanyak-banyaknya",
]


@pytest.mark.parametrize("name", ["wa_export_android_id.txt", "wa_export_ios_id.txt"])
def test_whole_exported_chat_keeps_only_the_messages(name: str) -> None:
    """A group's "Ekspor chat" (Android and iPhone, Indonesian locale) holds more than
    messages: the encryption notice, group events (created, added, joined, left), media
    placeholders and attachments, deleted and edited markers, and on iPhone invisible
    direction marks before the time stamp. None of it is what the group said: kept, the
    notice became every export's headline, narrative and dialogue talking point."""
    chat = from_pasted((DATA / name).read_text(encoding="utf-8"))
    messages = [m.replace(f" @{MEMBER_MASK}", "").replace(f" {MEMBER_MASK}", "")
                .rstrip(" ?") for m in chat.messages]
    assert messages == EXPORT_MESSAGES
    joined = chat.text
    for gone in ("terenkripsi", "membuat grup", "menambahkan", "bergabung", "keluar",
                 "Krajan", "disertakan", "lampiran", "dihapus.", "diedit", "25/11/24",
                 "Hasan", "Siti", "Budi", "Rahman", "\u200e"):
        assert gone not in joined, gone
    assert "Omben" in joined, "a place named in a message is no member name"


def test_paragraphs_of_one_forward_stay_one_message_and_stamps_start_messages() -> None:
    """Blank lines separate paragraphs of one message; only a stamped line ("time -
    Name:") starts another, so a pasted forward is one post and a pasted chat several."""
    forward = from_pasted("PENTING!!\n\nSurat suara sudah dicoblos.\n\nSebarkan!")
    assert not forward.exported
    assert forward.messages == ["PENTING!!\n\nSurat suara sudah dicoblos.\n\nSebarkan!"]
    chat = from_pasted((DATA / "wa_export_android_id.txt").read_text(encoding="utf-8"))
    assert chat.exported and len(chat.messages) == len(EXPORT_MESSAGES)
    # each message's own stamp and masks, the events between them (notice, created,
    # added, joined, media, left, deleted) are counted with the chat only
    assert chat.message_redactions == [1, 1, 3, 1]  # the third names a member twice
    assert chat.redactions > sum(chat.message_redactions)


def test_a_message_reporting_an_addition_is_no_group_event() -> None:
    chat = from_pasted("[25/11/24 19.50.02] Pak Camat: Kapolres menambahkan pengamanan di "
                       "20 TPS\n25/11/24 19.51 - Budi: Siti keluar dari grup sebelah")
    assert chat.messages == ["Kapolres menambahkan pengamanan di 20 TPS",
                             "Siti keluar dari grup sebelah"]


def test_a_forwarded_agenda_is_no_chat_and_keeps_its_times() -> None:
    """Only WhatsApp's whole stamp (date and time) or a number makes a sender: an agenda's
    "19.00 WIB:" lines are the message's text, not senders, and "WIB" is no member name."""
    agenda = ("*Diteruskan*\nAgenda kawal suara:\n19.00 WIB: kumpul di balai desa\n"
              "14/02/2024: kita kawal TPS sampai selesai\n07.00 - 09.00: konvoi ke kecamatan")
    chat = from_pasted(agenda)
    assert not chat.exported and chat.forwarded and chat.message_forwarded == [True]
    assert chat.messages == ["Agenda kawal suara:\n19.00 WIB: kumpul di balai desa\n"
                             "14/02/2024: kita kawal TPS sampai selesai\n"
                             "07.00 - 09.00: konvoi ke kecamatan"]


@pytest.mark.parametrize("stamp", ["12/11/24 19.42 - ", "[12/11/24 19.42.10] "])
def test_a_sender_whose_message_starts_on_the_next_line_is_still_masked(stamp: str) -> None:
    chat = from_pasted(f"{stamp}Budi Santoso:\nSurat suara dicoblos, kata Budi Santoso\n"
                       f"{stamp}Siti: Benarkah itu?")
    assert chat.messages == [f"Surat suara dicoblos, kata {MEMBER_MASK}", "Benarkah itu?"]


def test_the_forwarded_mark_belongs_to_its_message() -> None:
    chat = from_pasted("[19.40, 12/11/2024] Budi: Assalamualaikum warga\n"
                       "[19.42, 12/11/2024] Budi: Diteruskan\n"
                       "[19.42, 12/11/2024] Budi: Surat suara sudah dicoblos di gudang\n"
                       "[19.45, 12/11/2024] Siti: Astaghfirullah benarkah?")
    assert chat.message_forwarded == [False, True, False]
