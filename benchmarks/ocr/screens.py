"""WhatsApp-like chat screenshots with their ground truth, drawn with Pillow.

Officers report what they see in WhatsApp groups as screenshots; we cannot ship real ones
(they carry people's names and numbers), so the OCR is measured and tested on screenshots
drawn here: a green group header with the group name and its members, a date chip, chat
bubbles (incoming white with a coloured sender name or a "+62 ... ~Name" number, outgoing
green), "Diteruskan"/"Forwarded" markers, timestamps with read ticks, emojis, a light and
a dark theme, phone and tablet widths, and JPEG re-compression as forwarding does.

Every screenshot comes with what the product must extract (``body_text``: the message
bodies, emojis aside) and what must never survive (``secrets``: member names and numbers).
Deterministic for a given seed. Fonts: DejaVu Sans (Debian's fonts-dejavu-core) or
Liberation Sans when present, else Pillow's own scalable default font.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))
FONT_FILES = {
    "dejavu": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "liberation": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
}

#: Message bodies written for Sejuk: forwarded election hoaxes, provocations and the
#: chatter around them. All people, places and claims are invented or generic.
BODIES = (
    "Info dari grup sebelah: surat suara sudah dicoblos duluan di gudang KPU Kecamatan "
    "Sumber, besok dibagikan ke TPS. Sebarkan sebelum dihapus!!",
    "PENTING!!! Petugas KPPS di Desa Kaliwadas diminta mengisi formulir C1 pakai pensil "
    "supaya bisa dihapus nanti malam. Tolong diviralkan",
    "Copas dari grup RT: warga yang tidak membawa KTP elektronik tidak boleh mencoblos "
    "tanggal 27, jadi jangan datang ke TPS",
    "Besok jam 9 kumpul di depan kantor Bawaslu, kita kepung sampai hasilnya dibatalkan. "
    "Bawa teman sebanyak banyaknya",
    "Ada pembagian sembako dan amplop 100 ribu dari tim paslon nomor 2 di balai desa "
    "malam ini, syaratnya foto KTP",
    "Katanya kotak suara di TPS 05 Kelurahan Pekalipan sudah dibuka sebelum waktunya, "
    "videonya beredar di grup pemuda",
    "Hati hati, ada orang luar kampung yang mau bikin ricuh waktu penghitungan suara. "
    "Siapkan ronda malam ini",
    "Pesan berantai: KPU akan memadamkan listrik saat penghitungan suara supaya bisa "
    "menukar surat suara. Sebarkan ke semua grup keluarga",
    "Beredar surat edaran bupati yang mewajibkan ASN memilih calon tertentu, kalau tidak "
    "akan dimutasi ke pelosok",
    "Mohon info, benar tidak kalau TPS di Kecamatan Weru dipindah ke balai desa karena "
    "banjir?",
    "Tolong jangan asal share dulu, sudah ada klarifikasi dari KPU kabupaten kemarin",
    "Wah bahaya kalau benar begitu",
    "Siap, nanti saya sampaikan ke pengurus masjid",
    "Ini hoaks lama dari pemilu kemarin, jangan diteruskan",
    "Yang punya nomor ketua RW tolong diteruskan ke beliau",
    "Besok rapat warga jam 8 malam di pos ronda",
)
SHORT_REPLIES = ("Oke siap", "Amin", "Terima kasih infonya", "Astagfirullah", "Waduh",
                 "Benar itu?", "Hadir", "Noted pak")
EMOJIS = ("🙏", "😡", "⚠️", "‼️", "👍", "😱", "🔥", "👇")
GIVEN = ("Budi", "Siti", "Agus", "Dewi", "Rudi", "Wati", "Joko", "Ani", "Hendra", "Yuni",
         "Eko", "Lina", "Bambang", "Sri", "Dedi", "Rina", "Asep", "Euis", "Ujang", "Nining")
FAMILY = ("Santoso", "Rahayu", "Hidayat", "Lestari", "Saputra", "Wijaya", "Kurniawan",
          "Susanti", "Pratama", "Nurhayati", "Gunawan", "Permana")
GROUPS = ("Warga RT 03 RW 05", "Pemuda Desa Kaliwadas", "Majelis Taklim Al Ikhlas",
          "Relawan Paslon 2 Kec. Sumber", "Keluarga Besar Bani Soleh", "Alumni SMPN 1 Weru",
          "Info Warga Pekalipan", "Ojol Cirebon Timur")
SENDER_COLOURS = ((6, 127, 191), (204, 86, 0), (168, 43, 132), (31, 128, 51), (196, 53, 65),
                  (83, 97, 204), (0, 139, 139))


@dataclass(frozen=True)
class Theme:
    name: str
    background: tuple[int, int, int]
    header: tuple[int, int, int]
    header_text: tuple[int, int, int]
    incoming: tuple[int, int, int]
    outgoing: tuple[int, int, int]
    text: tuple[int, int, int]
    meta: tuple[int, int, int]
    chip: tuple[int, int, int]
    input_bar: tuple[int, int, int]


LIGHT = Theme("light", (236, 229, 221), (0, 128, 105), (255, 255, 255), (255, 255, 255),
              (217, 253, 211), (17, 27, 33), (102, 119, 129), (255, 245, 196), (240, 242, 245))
DARK = Theme("dark", (11, 20, 26), (32, 44, 51), (233, 237, 239), (32, 44, 51),
             (0, 92, 75), (233, 237, 239), (134, 150, 160), (24, 34, 41), (32, 44, 51))
THEMES = (LIGHT, DARK)


@dataclass(frozen=True)
class Message:
    body: str
    time: str
    sender: str | None = None  # shown above an incoming bubble in a group
    sender_name: str | None = None  # the "~Name" beside a number
    forwarded: str | None = None  # "Diteruskan", "Forwarded", "Diteruskan berkali-kali"
    outgoing: bool = False
    emoji: str = ""


@dataclass
class Screenshot:
    image: Image.Image
    messages: list[Message]
    group: str
    members: list[str]
    theme: str
    #: The message bodies as the product should store them (emojis aside), in order.
    body_text: str = ""
    #: Names and numbers of group members that must not survive redaction.
    secrets: list[str] = field(default_factory=list)

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.image.save(buffer, format="PNG", optimize=False)
        return buffer.getvalue()

    def jpeg(self, quality: int = 80) -> bytes:
        buffer = io.BytesIO()
        self.image.convert("RGB").save(buffer, format="JPEG", quality=quality)
        return buffer.getvalue()


def _font_paths() -> tuple[Path, Path] | None:
    for directory, (name, family) in zip(FONT_DIRS, FONT_FILES.items(), strict=True):
        regular, bold = directory / family[0], directory / family[1]
        if regular.exists() and bold.exists():
            return regular, bold
        del name
    return None


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    paths = _font_paths()
    if paths is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(paths[1] if bold else paths[0]), size)


def phone_number(rng: random.Random) -> str:
    prefix = rng.choice(("812", "813", "821", "822", "852", "853", "857", "878", "895"))
    return f"+62 {prefix}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"


def person(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}" if rng.random() < 0.6 else rng.choice(GIVEN)


def random_messages(rng: random.Random, count: int) -> list[Message]:
    """A plausible group conversation: one or two forwards and replies around them."""
    messages: list[Message] = []
    minute = rng.randint(6 * 60, 21 * 60)
    for index in range(count):
        minute += rng.randint(0, 7)
        time = f"{minute // 60 % 24:02d}.{minute % 60:02d}"
        outgoing = rng.random() < 0.2
        long_one = index == 0 or rng.random() < 0.45
        body = rng.choice(BODIES) if long_one else rng.choice(SHORT_REPLIES)
        forwarded = None
        if long_one and rng.random() < 0.7:
            forwarded = rng.choice(("Diteruskan", "Diteruskan", "Forwarded",
                                    "Diteruskan berkali-kali"))
        sender = sender_name = None
        if not outgoing:
            if rng.random() < 0.45:
                sender, sender_name = phone_number(rng), rng.choice(GIVEN)
            else:
                sender = person(rng)
        emoji = "".join(rng.sample(EMOJIS, rng.randint(1, 2))) if rng.random() < 0.5 else ""
        messages.append(Message(body=body, time=time, sender=sender, sender_name=sender_name,
                                forwarded=forwarded, outgoing=outgoing, emoji=emoji))
    return messages


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
          width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and draw.textlength(trial, font=font) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def _emoji(draw: ImageDraw.ImageDraw, x: int, y: int, size: int, symbol: str) -> int:
    """A colour emoji stand-in (no emoji font is assumed): what OCR meets is a coloured
    glyph beside the text, which is what matters here."""
    colours = {"🙏": (255, 200, 60), "😡": (230, 70, 50), "⚠️": (250, 190, 0),
               "‼️": (220, 30, 30), "👍": (255, 200, 60), "😱": (255, 215, 90),
               "🔥": (255, 120, 0), "👇": (255, 200, 60)}
    colour = colours.get(symbol, (255, 200, 60))
    if symbol in {"⚠️"}:
        draw.polygon([(x + size // 2, y), (x + size, y + size), (x, y + size)], fill=colour)
        draw.rectangle([x + size // 2 - 2, y + size // 3, x + size // 2 + 2, y + size * 2 // 3],
                       fill=(40, 40, 40))
    elif symbol in {"‼️"}:
        for dx in (size // 4, size * 3 // 4):
            draw.rectangle([x + dx - 3, y + 2, x + dx + 3, y + size * 2 // 3], fill=colour)
            draw.ellipse([x + dx - 3, y + size - 7, x + dx + 3, y + size - 1], fill=colour)
    else:
        draw.ellipse([x, y, x + size, y + size], fill=colour)
        draw.ellipse([x + size // 4, y + size // 3, x + size // 4 + 4, y + size // 3 + 4],
                     fill=(60, 40, 20))
        draw.ellipse([x + size * 3 // 4 - 4, y + size // 3, x + size * 3 // 4, y + size // 3 + 4],
                     fill=(60, 40, 20))
        draw.arc([x + size // 4, y + size // 2, x + size * 3 // 4, y + size * 5 // 6], 0, 180,
                 fill=(60, 40, 20), width=2)
    return size + 4


def render(messages: list[Message], group: str, members: list[str], *, theme: Theme = LIGHT,
           width: int = 720, rng: random.Random | None = None) -> Image.Image:
    """Draw one chat screen (as tall as the messages need, at least a phone's ratio)."""
    rng = rng or random.Random(0)
    scale = width / 720
    body_font = _font(round(25 * scale))
    sender_font = _font(round(22 * scale), bold=True)
    meta_font = _font(round(18 * scale))
    title_font = _font(round(28 * scale), bold=True)
    small_font = _font(round(19 * scale))
    pad = round(14 * scale)
    bubble_max = int(width * 0.78)
    line_h = round(34 * scale)

    scratch = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    blocks = []
    for message in messages:
        text = message.body
        lines = _wrap(scratch, text, body_font, bubble_max - 2 * pad - round(60 * scale))
        height = pad * 2 + line_h * len(lines) + round(18 * scale)
        if message.sender:
            height += line_h
        if message.forwarded:
            height += line_h
        blocks.append((message, lines, height))
    header_h = round(112 * scale)
    total = header_h + round(70 * scale) + sum(h + round(12 * scale) for *_, h in blocks)
    total += round(96 * scale)
    height = max(total, int(width * 1.9))
    image = Image.new("RGB", (width, height), theme.background)
    draw = ImageDraw.Draw(image)
    # subtle wallpaper dots, as WhatsApp's doodle background
    dot = tuple(min(255, c + 8) if theme is LIGHT else min(255, c + 10)
                for c in theme.background)
    for _ in range(width * height // 2500):
        x, y = rng.randrange(width), rng.randrange(header_h, height)
        draw.ellipse([x, y, x + 3, y + 3], fill=dot)
    # header: back arrow, avatar, group name, members
    draw.rectangle([0, 0, width, header_h], fill=theme.header)
    draw.text((round(18 * scale), round(34 * scale)), "←", font=title_font, fill=theme.header_text)
    draw.ellipse([round(60 * scale), round(24 * scale), round(124 * scale), round(88 * scale)],
                 fill=(200, 210, 215))
    draw.text((round(140 * scale), round(22 * scale)), group, font=title_font,
              fill=theme.header_text)
    member_line = ", ".join(members)
    while draw.textlength(member_line, font=small_font) > width - round(200 * scale):
        member_line = member_line[:-4].rstrip(", ") + "…"
    draw.text((round(140 * scale), round(62 * scale)), member_line, font=small_font,
              fill=theme.header_text)
    y = header_h + round(20 * scale)
    chip = rng.choice(("HARI INI", "Hari ini", "KEMARIN", "Selasa"))
    chip_w = int(draw.textlength(chip, font=meta_font)) + 2 * pad
    draw.rounded_rectangle([(width - chip_w) // 2, y, (width + chip_w) // 2, y + round(36 * scale)],
                           radius=round(10 * scale), fill=theme.chip)
    draw.text(((width - chip_w) // 2 + pad, y + round(7 * scale)), chip, font=meta_font,
              fill=theme.meta)
    y += round(56 * scale)
    for message, lines, block_h in blocks:
        text_w = max(
            [draw.textlength(line, font=body_font) for line in lines]
            + ([draw.textlength(message.sender + "  ~" + (message.sender_name or ""),
                                font=sender_font)] if message.sender else [])
            + ([draw.textlength("↪ " + message.forwarded, font=meta_font)]
               if message.forwarded else []))
        bubble_w = min(bubble_max, int(text_w) + 2 * pad + round(70 * scale))
        x0 = width - bubble_w - round(18 * scale) if message.outgoing else round(18 * scale)
        fill = theme.outgoing if message.outgoing else theme.incoming
        draw.rounded_rectangle([x0, y, x0 + bubble_w, y + block_h], radius=round(14 * scale),
                               fill=fill)
        cy = y + pad
        if message.sender:
            colour = rng.choice(SENDER_COLOURS)
            draw.text((x0 + pad, cy), message.sender, font=sender_font, fill=colour)
            if message.sender_name:
                sx = x0 + pad + draw.textlength(message.sender + "  ", font=sender_font)
                draw.text((sx, cy + 2), "~" + message.sender_name, font=meta_font,
                          fill=theme.meta)
            cy += line_h
        if message.forwarded:
            draw.text((x0 + pad, cy + 2), "↪ " + message.forwarded, font=meta_font,
                      fill=theme.meta)
            cy += line_h
        for i, line in enumerate(lines):
            draw.text((x0 + pad, cy), line, font=body_font, fill=theme.text)
            if message.emoji and i == len(lines) - 1:
                ex = x0 + pad + int(draw.textlength(line + " ", font=body_font))
                for symbol in _split_emoji(message.emoji):
                    if ex + line_h < x0 + bubble_w - round(60 * scale):
                        ex += _emoji(draw, ex, cy + 2, round(24 * scale), symbol)
            cy += line_h
        stamp = message.time + (" ✓✓" if message.outgoing else "")
        stamp_w = draw.textlength(stamp, font=meta_font)
        draw.text((x0 + bubble_w - pad - stamp_w, y + block_h - pad - round(18 * scale)),
                  stamp, font=meta_font, fill=theme.meta)
        y += block_h + round(12 * scale)
    # input bar
    bar_y = height - round(84 * scale)
    draw.rectangle([0, bar_y, width, height], fill=theme.input_bar)
    draw.rounded_rectangle([round(16 * scale), bar_y + round(14 * scale),
                            width - round(100 * scale),
                            bar_y + round(70 * scale)], radius=round(28 * scale),
                           fill=theme.incoming if theme is DARK else (255, 255, 255))
    draw.text((round(40 * scale), bar_y + round(28 * scale)), "Ketik pesan", font=body_font,
              fill=theme.meta)
    draw.ellipse([width - round(84 * scale), bar_y + round(12 * scale), width - round(20 * scale),
                  bar_y + round(76 * scale)], fill=(0, 168, 132))
    return image


def _split_emoji(text: str) -> list[str]:
    out: list[str] = []
    for char in text:
        if char in "\ufe0f" and out:
            out[-1] += char
        else:
            out.append(char)
    return out


def make_screenshot(seed: int, *, theme: Theme | None = None, width: int | None = None,
                    count: int | None = None) -> Screenshot:
    """One screenshot with its ground truth; the same seed gives the same screenshot."""
    rng = random.Random(seed)
    theme = theme or rng.choice(THEMES)
    width = width or rng.choice((720, 720, 1080))
    messages = random_messages(rng, count or rng.randint(2, 4))
    group = rng.choice(GROUPS)
    members = [person(rng) for _ in range(3)] + [phone_number(rng), "Anda"]
    rng.shuffle(members)
    image = render(messages, group, members, theme=theme, width=width, rng=rng)
    secrets = [m for m in members if m != "Anda"]
    for message in messages:
        if message.sender:
            secrets.append(message.sender)
        if message.sender_name:
            secrets.append(message.sender_name)
    body = "\n\n".join(m.body for m in messages)
    return Screenshot(image=image, messages=messages, group=group, members=members,
                      theme=theme.name, body_text=body, secrets=sorted(set(secrets)))


def blank_screenshot(width: int = 720, theme: Theme = LIGHT) -> bytes:
    """A screenshot with no text at all (a photo of nothing, a blank chat wallpaper)."""
    image = Image.new("RGB", (width, int(width * 1.9)), theme.background)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
