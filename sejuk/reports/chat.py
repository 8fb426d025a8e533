"""From a chat screenshot's OCR lines (or a pasted chat) to the text Sejuk stores.

Sejuk watches narratives, not persons: what is kept of a WhatsApp screenshot is the
message bodies. Everything that says who was talking is dropped or masked *before*
anything is stored:

- the header (group name and the member list under it),
- sender lines: WhatsApp draws a group sender's name or number in colour, so a line whose
  ink is saturated is a sender, and a "~Name" beside a number is a contact name,
- phone numbers anywhere (``[nomor]``), ``@mentions`` (``@[anggota]``), and any other
  occurrence of a name seen as a sender or member (``[anggota]``),
- chat furniture: timestamps and read ticks, date chips ("HARI INI", "Kemarin"), the
  "Diteruskan"/"Forwarded" markers (remembered as a fact: the message was forwarded), the
  input bar ("Ketik pesan").

Pure functions over plain data, so they are tested without an OCR engine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import median

import numpy as np
from PIL import Image

from sejuk.reports.ocr import OcrLine

PHONE_MASK = "[nomor]"
MEMBER_MASK = "[anggota]"

#: Indonesian mobile and fixed numbers as people write them (+62 812-3456-7890,
#: 0812 3456 7890, 62812..., (022) 123 4567) and other long international numbers.
PHONE = re.compile(
    r"(?<![\w+])(?:\+\s?62|62|0)\s?[-.(]?\s?\d{2,4}\s?[-.)]?\s?\d{3,4}[-.\s]?\d{3,5}(?!\w)"
    r"|(?<![\w+])\+\s?\d{1,3}[\s-]?\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,5}(?!\w)"
    r"|(?<!\w)#62\s?\d{3}[-\s]?\d{3,4}[-\s]?\d{3,5}(?!\w)")
MENTION = re.compile(r"@[\w.\u00C0-\u024F-]+|@\u2068[^\u2069]*\u2069")
TIMESTAMP = re.compile(r"^\W{0,2}\d{1,2}[.:;,]\d{2}(?:\s*(?:[APap]\.?[Mm]\.?))?"
                       r"(?:(?:\s*[✓✔vVJ/\\]){0,3}|\s*\W{1,3})\s*$")
TRAILING_TIME = re.compile(r"\s+\d{1,2}[.:]\d{2}(?:\s*[✓✔vVJY/4]{1,2}){0,2}\s*$")
FORWARDED = re.compile(
    r"^\W{0,3}\w?\W{0,2}\s*(?:diteruskan|forwarded|diteru5kan)\s*"
    r"(?:berkali\W{0,2}kali|many\s*times)?\W{0,2}$", re.IGNORECASE)
FORWARDED_MANY = re.compile(r"berkali|many", re.IGNORECASE)
DATE_CHIP = re.compile(
    r"^\W{0,2}(?:hari ini|kemarin|today|yesterday|senin|selasa|rabu|kamis|jumat|jum'at|"
    r"sabtu|minggu|\d{1,2}\s+\w+\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})\W{0,2}$", re.IGNORECASE)
INPUT_BAR = re.compile(r"^\W{0,3}(?:ketik pesan|type a message|pesan|message)\W{0,3}$",
                       re.IGNORECASE)
#: The "~Name" WhatsApp shows below or beside a number (OCR may read "~" as a dash).
CONTACT_LINE = re.compile(r"^[~\-–—]{1,3}\s?[A-Z][\w'.]+(?:\s[A-Z][\w'.]+){0,2}$")
CONTACT_NAME = re.compile(r"(?:^|\s)~\s?[\w\u00C0-\u024F][\w\u00C0-\u024F .'-]{0,40}$")
SYSTEM_LINES = re.compile(
    r"^\W{0,3}(?:<?media tidak disertakan>?|<?media omitted>?|pesan ini telah dihapus|"
    r"this message was deleted|anda menghapus pesan ini|you deleted this message|"
    r"tap untuk melihat|null|"
    r"(?:gambar|foto|video|audio|stiker|dokumen|gif|kartu kontak|image|sticker|document|"
    r"contact card)\s+(?:tidak disertakan|omitted)|"
    r"<\s*(?:lampiran|attached)\s*:[^>]*>|"
    r"pesan dan panggilan terenkripsi.*|messages and calls are end-to-end encrypted.*)"
    r"\W{0,3}$", re.IGNORECASE)
#: Group events an export writes as lines of their own. Android stamps them without
#: "Name:"; an iPhone gives the group's name as the sender and puts a left-to-right mark
#: before the event (and before attachments), and a copied chat may have lost that mark,
#: so the unmistakable events are also known by their words.
GROUP_EVENT = re.compile(
    r"^[^:\n]{1,60}?\s(?:membuat grup|bergabung menggunakan tautan undangan|"
    r"mengubah (?:subjek|nama grup|ikon grup|deskripsi grup|setelan grup)|created group|"
    r"joined using this group's invite link|changed (?:the subject|the group name|"
    r"this group's icon|the group description))\b", re.IGNORECASE)
_MARKED_EVENT = "\u200e"
#: The mark an export appends to an edited message.
EDITED = re.compile(r"\s*<\s*(?:pesan ini diedit|this message was edited)\s*>\s*$",
                    re.IGNORECASE)
#: Invisible direction marks (iPhone exports put one before system lines and
#: attachments) and the narrow no-break space of newer time stamps and "~ Name".
_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066"
                               "\u2067\u2068\u2069\ufeff"))
_INVISIBLE.update({0x202F: " ", 0x00A0: " "})
#: The time stamp an exported line starts with: "25/11/24 19.20 - ", "[25/11/24 19.20.13] ",
#: "[19.42, 12/11/2024] ". A stamped line without "Name:" is a group event (created,
#: added, joined, left, subject changed): no message.
EXPORT_STAMP = re.compile(
    r"^\s*(?:\[\s*\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}[.:]\d{2}(?:[.:]\d{2})?"
    r"(?:\s*[APap]\.?[Mm]\.?)?\s*\]"
    r"|\[\s*\d{1,2}[.:]\d{2}(?:[.:]\d{2})?(?:\s*[APap]\.?[Mm]\.?)?,\s*\d{1,2}/\d{1,2}/\d{2,4}\s*\]"
    r"|\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}[.:]\d{2}(?:[.:]\d{2})?(?:\s*[APap]\.?[Mm]\.?)?"
    r"\s+-)")
#: WhatsApp's own chat export and "copy" formats: [19.42, 12/11/2024] Name: text,
#: 12/11/24 19.42 - Name: text, [12/11/24 19.42.10] Name: text.
EXPORT_PREFIX = re.compile(
    r"^\s*\[?\s*(?:\d{1,2}[.:]\d{2}(?:[.:]\d{2})?\s*(?:[APap][Mm])?,?\s*)?"
    r"(?:\d{1,2}/\d{1,2}/\d{2,4})?,?\s*(?:\d{1,2}[.:]\d{2}(?:[.:]\d{2})?\s*(?:[APap][Mm])?)?"
    r"\s*\]?\s*-?\s*([^:\n]{1,60}):(?:\s+|$)")
#: Capitalised words that are not names even in a member list ("Pak Budi", "Bu RT").
_NOT_NAMES = frozenset("pak bu bapak ibu mas mbak bang kak haji hj ustadz ust admin "
                       "ketua sekretaris bendahara info grup group warga anda".split())
_WORD = re.compile(r"[\w\u00C0-\u024F]+")


@dataclass
class ChatText:
    """What a screenshot or a pasted chat says, with the people taken out."""

    messages: list[str] = field(default_factory=list)
    forwarded: bool = False
    forwarded_many: bool = False
    #: How many sender/member names and numbers were removed or masked (never the names).
    redactions: int = 0
    #: Whether the text was a copied or exported chat: its messages were stamped with a
    #: time and a sender, so each is a post of its own, not a paragraph of one forward.
    exported: bool = False
    #: Of ``redactions``, how many each message's own stamp and body account for (a
    #: pasted chat only; the rest are group events dropped between messages).
    message_redactions: list[int] = field(default_factory=list)
    #: Whether each message was marked forwarded (a pasted chat only).
    message_forwarded: list[bool] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.messages)


def _saturation(image: Image.Image, line: OcrLine) -> float:
    """Mean saturation of the line's ink (the pixels least like the line's background):
    a coloured sender name scores high, black, white or grey text low."""
    # Only the start of the line: an emoji at its end is colourful too.
    width = max(3 * line.height, (line.right - line.left) * 2 // 5)
    box = (max(0, line.left), max(0, line.top), min(image.width, line.left + width),
           min(image.height, line.bottom))
    if box[2] <= box[0] or box[3] <= box[1]:
        return 0.0
    crop = image.crop(box).convert("RGB")
    crop.thumbnail((160, 40))
    pixels = np.asarray(crop, dtype=np.int16).reshape(-1, 3)
    colours, counts = np.unique(pixels, axis=0, return_counts=True)
    background = colours[int(np.argmax(counts))]
    distance = np.abs(pixels - background).sum(axis=1)
    order = np.argsort(-distance)[: max(1, len(distance) // 8)]
    ink = pixels[order[distance[order] > 60]]
    if not len(ink):
        return 0.0
    # chroma, not HSV saturation: near-black text has a high saturation and no colour
    return float(((ink.max(axis=1) - ink.min(axis=1)) / 255).mean())


def header_bottom(image: Image.Image) -> int:
    """Where the app bar ends: the top band in the colour of the image's first row."""
    rgb = image.convert("RGB")
    x = rgb.width - 3
    first = rgb.getpixel((x, 2))
    assert isinstance(first, tuple)
    limit = rgb.height // 4
    for y in range(2, limit):
        pixel = rgb.getpixel((x, y))
        assert isinstance(pixel, tuple)
        if sum(abs(a - b) for a, b in zip(pixel, first, strict=False)) > 40:
            return y if y >= rgb.height // 40 else 0
    return 0


def is_furniture(text: str) -> bool:
    """Timestamps, date chips, the input bar and system lines: never message text."""
    return bool(TIMESTAMP.match(text) or DATE_CHIP.match(text) or INPUT_BAR.match(text)
                or SYSTEM_LINES.match(text))


def from_screenshot(lines: Sequence[OcrLine], image: Image.Image, *,
                    sender_saturation: float = 0.25) -> ChatText:
    """The message bodies of one screenshot, senders and members removed."""
    chat = ChatText()
    header = header_bottom(image)
    names: set[str] = set()
    body_heights = [ln.height for ln in lines if ln.top >= header] or [1]
    gap_limit = 0.9 * median(body_heights)
    current: list[str] = []
    last_bottom: int | None = None

    def close() -> None:
        nonlocal current
        if current:
            chat.messages.append(" ".join(current))
        current = []

    senders = _sender_lines(lines, image, header, sender_saturation)
    for index, line in enumerate(lines):
        text = " ".join(line.text.split())
        if not text:
            continue
        if line.bottom <= header + 2:
            if "," in text:  # the member list; the line without one is the group's name
                names.update(_member_names(text))
            chat.redactions += 1
            continue
        if FORWARDED.match(text):
            chat.forwarded = True
            chat.forwarded_many |= bool(FORWARDED_MANY.search(text))
            close()
            continue
        if is_furniture(text):
            close()
            continue
        if index in senders:
            names.update(_member_names(text.lstrip("~-–—= ")))
            chat.redactions += 1
            close()
            last_bottom = line.bottom
            continue
        if last_bottom is not None and line.top - last_bottom > gap_limit:
            close()
        current.append(_drop_symbols(TRAILING_TIME.sub("", text)))
        last_bottom = line.bottom
    close()
    chat.messages = [m for m in (redact(m, names, chat) for m in chat.messages) if m]
    return chat


#: What an emoji or a read tick becomes in OCR output: a token of symbols only.
_SYMBOLS_ONLY = re.compile(r"(?:(?<=\s)|^)[^\w\s]{1,3}(?=\s|$)")


def _drop_symbols(text: str) -> str:
    """Tokens made of symbols only ("&", "@", "©") are emojis or ticks read as letters;
    punctuation attached to words stays."""
    return " ".join(_SYMBOLS_ONLY.sub(" ", text).split())


def _sender_lines(lines: Sequence[OcrLine], image: Image.Image, header: int,
                  saturation: float) -> set[int]:
    """Indexes of sender lines: a number alone, coloured ink, or a "~Name" on the row of
    (or right below) one of those."""
    senders = {i for i, line in enumerate(lines)
               if line.bottom > header + 2 and line.text.strip()
               and (_is_sender(line.text) or _saturation(image, line) >= saturation)}
    body_height = median([ln.height for ln in lines
                          if ln.bottom > header + 2 and len(ln.text.split()) >= 3] or [1])
    for i, line in enumerate(lines):
        text = " ".join(line.text.split())
        if i in senders or not CONTACT_LINE.match(text):
            continue
        if text.startswith("~") or line.height < 0.85 * body_height:
            senders.add(i)  # "~Name", or a name in the small type of a contact label
            continue
        for j in senders.copy():
            other = lines[j]
            same_row = min(line.bottom, other.bottom) - max(line.top, other.top) > 0
            if same_row or abs(i - j) == 1:
                senders.add(i)
                break
    return senders


def _is_sender(text: str) -> bool:
    """A line that is only a number (and maybe "~Name"): a non-contact sender."""
    stripped = CONTACT_NAME.sub("", text).strip()
    if not stripped:
        return text.strip().startswith("~")
    return PHONE.fullmatch(stripped) is not None


def _member_names(text: str) -> set[str]:
    """Names in a member list or sender line ("Budi, Siti, +62 812..., Anda")."""
    names = set()
    for part in re.split(r"[,;]|\s~", CONTACT_NAME.sub(lambda m: "," + m.group(0), text)):
        part = PHONE.sub("", part).strip(" ~.…")
        if part and part.lower() not in {"anda", "you"} and not part.isdigit():
            names.add(part)
    return names


def redact(text: str, names: Iterable[str] = (), chat: ChatText | None = None) -> str:
    """``text`` with phone numbers, mentions and the given names masked."""
    count = 0

    def masked(mask: str) -> object:
        def replace(_match: re.Match[str]) -> str:
            nonlocal count
            count += 1
            return mask
        return replace

    text = PHONE.sub(masked(PHONE_MASK), text)  # type: ignore[arg-type]
    text = MENTION.sub(masked("@" + MEMBER_MASK), text)  # type: ignore[arg-type]
    words = {w for name in names for w in _WORD.findall(name)
             if len(w) >= 3 and w[0].isupper() and w.lower() not in _NOT_NAMES}
    for name in sorted(names, key=len, reverse=True):
        if len(name) >= 3:
            text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", masked(MEMBER_MASK), text)  # type: ignore[arg-type]
    for word in sorted(words, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", masked(MEMBER_MASK), text)  # type: ignore[arg-type]
    if chat is not None:
        chat.redactions += count
    return " ".join(text.split())


def from_pasted(text: str) -> ChatText:
    """A forwarded message or a copied/exported chat, senders and numbers removed.

    A stamped line ("[19.42, 12/11/2024] Name: ...") starts a new message; blank lines
    only separate the paragraphs of one, so a plain forward stays one message however
    many paragraphs it has."""
    chat = ChatText()
    names: set[str] = set()
    drafts: list[_Draft] = [_Draft()]
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = EDITED.sub("", raw.translate(_INVISIBLE)).strip()
        if not line:
            drafts[-1].paragraphs.append([])
            continue
        match = EXPORT_PREFIX.match(line)
        # A sender needs WhatsApp's whole stamp (date and time) or a number for a name:
        # "19.00 WIB: kumpul di balai desa" in a forwarded agenda is the message's text.
        if match and (EXPORT_STAMP.match(line) or PHONE.fullmatch(match.group(1).strip(" ~"))):
            chat.exported = True
            body = line[match.end():]
            if (f": {_MARKED_EVENT}" in raw or SYSTEM_LINES.match(body)
                    or GROUP_EVENT.match(body)):
                chat.redactions += 1
                drafts.append(_Draft())
                continue  # an event, notice or attachment, "sent" by the group itself
            drafts.append(_Draft(redactions=1))
            names.update(_member_names(match.group(1)))
            line = body
        elif EXPORT_STAMP.match(line):
            chat.exported = True
            chat.redactions += 1  # a group event: it names people and says nothing
            drafts.append(_Draft())
            continue
        if FORWARDED.match(line):
            chat.forwarded = drafts[-1].forwarded = True
            chat.forwarded_many |= bool(FORWARDED_MANY.search(line))
            continue
        if SYSTEM_LINES.match(line):
            continue
        drafts[-1].paragraphs[-1].append(
            line.strip("*_ ") if FORWARDED.match(line.strip("*_ ")) else line)
    heads_next = False  # a stamped "Diteruskan" line of its own marks the next message
    for draft in drafts:
        before = chat.redactions
        parts = (_keep_lines(redact_lines("\n".join(p), names, chat))
                 for p in draft.paragraphs if p)
        body = "\n\n".join(part for part in parts if part)
        chat.redactions += draft.redactions
        if not body:
            heads_next |= draft.forwarded
            continue
        chat.messages.append(body)
        chat.message_redactions.append(chat.redactions - before)
        chat.message_forwarded.append(draft.forwarded or heads_next)
        heads_next = False
    return chat


@dataclass
class _Draft:
    """One message of a pasted chat while it is read: its paragraphs' lines."""

    paragraphs: list[list[str]] = field(default_factory=lambda: [[]])
    #: the sender stamp that opened it
    redactions: int = 0
    forwarded: bool = False


#: Words of a group's replies that carry no claim: a message of a pasted chat made only
#: of these (or of no words: "👍") is chatter, not a lead. A list, not a length: "KPU
#: curang!!" and "Pemilu diundur" are short and are leads.
CHATTER_WORDS = frozenset("""
aamiin aamin amin amiin alhamdulillah astaghfirullah astagfirullah astaghfirulloh
masyaallah masya allah subhanallah innalillahi waduh wah wih hmm oh ooh lho loh kok
siap sip ok oke okay okey noted betul benar bener iya ya yaa yap yoi nggih inggih njih
enggih mantap mantab setuju hadir terima kasih makasih trims thanks tq thx sama sama2
pak bu bapak ibu bang mas mbak kak dik adik min admin semua juga nih deh dong sih kah
itu ini allah selamat pagi siang sore malam salam wassalam waalaikumsalam walaikumsalam
""".split())
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
_LAUGH = re.compile(r"(?:wk|ha|he|hi|xi|ka)+[wkh]?")


@dataclass(frozen=True)
class Post:
    """One message to store as an item: its redacted text and what was masked in it."""

    text: str
    redactions: int
    forwarded: bool = False


def chat_posts(chat: ChatText) -> list[Post]:
    """The posts of a pasted text: each message of a copied or exported chat that is not
    chatter (:func:`is_chatter`), else the whole text as one post.

    Kept as one item, a group's export was scored and matched as one long text, where a
    hoax among greetings and replies scores low and matches no debunk. Names, numbers and
    events dropped between messages count with the first post, so the posts' redactions
    add up to the chat's."""
    whole = [Post(chat.text, chat.redactions, chat.forwarded)]
    if not chat.exported or len(chat.messages) < 2:
        return whole
    said = [Post(text, masked, forwarded) for text, masked, forwarded in zip(
        chat.messages, chat.message_redactions, chat.message_forwarded, strict=True)
        if not is_chatter(text)]
    if len(said) < 2:
        return whole
    rest = chat.redactions - sum(post.redactions for post in said)
    return [Post(said[0].text, said[0].redactions + rest, said[0].forwarded), *said[1:]]


def _words(text: str) -> list[str]:
    """The words of ``text`` once names and numbers are masked (the masks are no words)."""
    return _LETTER_WORD.findall(text.replace(PHONE_MASK, " ").replace(MEMBER_MASK, " "))


def has_words(text: str) -> bool:
    """Something to watch is left once names and numbers are masked."""
    return bool(_words(text))


def is_chatter(text: str) -> bool:
    """A reply that carries no claim: only :data:`CHATTER_WORDS`, laughter or symbols."""
    return all(w.lower() in CHATTER_WORDS or _LAUGH.fullmatch(w.lower()) for w in _words(text))


def redact_lines(text: str, names: Iterable[str], chat: ChatText) -> str:
    """:func:`redact` line by line, keeping the message's own line breaks."""
    names = list(names)
    return "\n".join(redact(line, names, chat) for line in text.split("\n"))


def _keep_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


__all__ = ["CHATTER_WORDS", "MEMBER_MASK", "PHONE_MASK", "ChatText", "Post", "chat_posts",
           "from_pasted", "from_screenshot", "has_words", "header_bottom", "is_chatter",
           "is_furniture", "redact"]
