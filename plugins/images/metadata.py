"""Files published with their pixels untouched, less everything else: the
images plugin's byte-level cleaners (pure functions, no Pillow: a photo
embedded in a drawing is handed to the images plugin's function).

An animated GIF, WebP or PNG cannot be re-encoded without losing frames or
timing, and a drawing is text: these are published as they are, minus what
a phone, a camera or a drawing program wrote about the person and the
machine that made them (place, camera, owner, software, file paths,
comments). Each cleaner keeps only what a browser needs to draw the image
(a list of what is kept, not of what is dropped, so a kind of metadata
nobody thought of is dropped too) and raises ValueError on a file it cannot
read to the end.
"""

import base64
import binascii
import re
import xml.etree.ElementTree as etree

from plugins.post_body.links import ON_HER_COMPUTER

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Pixels, palette, transparency, colour (gAMA, cHRM, sRGB, iCCP, cICP and HDR
# levels), pixel density, background, and the frames of an animated PNG.
PNG_KEPT = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB",
            b"iCCP", b"cICP", b"mDCV", b"cLLI", b"sBIT", b"bKGD", b"pHYs",
            b"acTL", b"fcTL", b"fdAT"}
# A WebP's image, alpha, animation and colour profile chunks (not EXIF, "XMP ").
WEBP_KEPT = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
WEBP_EXIF_AND_XMP_FLAGS = 0x08 | 0x04  # in VP8X's flags byte
# A GIF's application extensions that make it loop; comments, XMP and any
# other application's data are left out.
GIF_LOOPING = {b"NETSCAPE2.0", b"ANIMEXTS1.0"}
GIF_IMAGE, GIF_EXTENSION, GIF_END, GIF_GRAPHIC_CONTROL, GIF_APPLICATION = (
    0x2C, 0x21, 0x3B, 0xF9, 0xFF)

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
# What a browser draws: SVG itself, its links, xml:space/xml:lang, and HTML or
# MathML inside <foreignObject>. Inkscape's, Sodipodi's, Illustrator's, RDF's
# and Dublin Core's namespaces (names, file paths, licences) are left out.
SVG_KEPT_NAMESPACES = {SVG, XLINK, "http://www.w3.org/XML/1998/namespace",
                       "http://www.w3.org/1999/xhtml", "http://www.w3.org/1998/Math/MathML"}
# A picture a drawing holds in itself, base64-encoded (parameters such as
# charset=utf-8 may come before ;base64).
EMBEDDED_PICTURE = re.compile(r"data:image/(?!svg)[\w.+-]+(?:;[^;,]*)*;base64,", re.I)
etree.register_namespace("", SVG)
etree.register_namespace("xlink", XLINK)


def png_without_metadata(data):
    """The PNG `data` without text (tEXt, zTXt, iTXt: often XMP), EXIF (eXIf),
    time (tIME) or any private chunk."""
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG")
    kept, position = [PNG_SIGNATURE], len(PNG_SIGNATURE)
    while True:
        if position + 12 > len(data):
            raise ValueError("the PNG ends early")
        length = int.from_bytes(data[position:position + 4], "big")
        kind, end = data[position + 4:position + 8], position + 12 + length
        if end > len(data):
            raise ValueError("the PNG ends early")
        if kind in PNG_KEPT:
            kept.append(data[position:end])
        if kind == b"IEND":
            return b"".join(kept)
        position = end


def webp_without_metadata(data):
    """The WebP `data` without its EXIF and XMP chunks (and VP8X's flags for
    them cleared); its frames and colour profile stay."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("not a WebP")
    kept, position = [], 12
    while position < len(data):
        kind = data[position:position + 4]
        size = int.from_bytes(data[position + 4:position + 8], "little")
        end = position + 8 + size + (size & 1)  # chunks are padded to an even size
        if position + 8 > len(data) or end > len(data) + (size & 1):
            raise ValueError("the WebP ends early")
        chunk = data[position:end]
        if kind == b"VP8X":
            chunk = chunk[:8] + bytes([chunk[8] & ~WEBP_EXIF_AND_XMP_FLAGS]) + chunk[9:]
        if kind in WEBP_KEPT:
            kept.append(chunk)
        position = end
    body = b"WEBP" + b"".join(kept)
    return b"RIFF" + len(body).to_bytes(4, "little") + body


def gif_without_metadata(data):
    """The GIF `data` with its frames, timing and looping, without comments,
    plain-text blocks, XMP or other applications' extension blocks."""
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise ValueError("not a GIF")
    try:
        position = after_colour_table(data, 13, data[10])
        kept = [data[:position]]
        while data[position] != GIF_END:
            start = position
            if data[position] == GIF_IMAGE:
                position = after_colour_table(data, position + 10, data[position + 9])
                position = after_sub_blocks(data, position + 1)  # after LZW's code size
                kept.append(data[start:position])
            elif data[position] == GIF_EXTENSION:
                position = after_sub_blocks(data, position + 2)
                if gif_extension_kept(data[start + 1], data[start + 3:start + 14]):
                    kept.append(data[start:position])
            else:
                raise ValueError("the GIF holds a block it does not know")
    except IndexError:
        raise ValueError("the GIF ends early") from None
    return b"".join(kept) + bytes([GIF_END])


def gif_extension_kept(label, application):
    return label == GIF_GRAPHIC_CONTROL or (label == GIF_APPLICATION
                                            and application in GIF_LOOPING)


def after_colour_table(data, position, flags):
    """The position after a GIF colour table (if the flags say there is one)."""
    return position + (3 * 2 ** ((flags & 0x07) + 1) if flags & 0x80 else 0)


def after_sub_blocks(data, position):
    """The position after a GIF's run of data sub-blocks (ended by size 0)."""
    while data[position]:  # IndexError when the file ends first
        position += data[position] + 1
    return position + 1


def svg_without_metadata(text, picture_alone):
    """The SVG `text` without <metadata> (RDF: author, licence), comments,
    editors' elements and attributes (Inkscape's and Sodipodi's: the file's
    name and folder, export paths; Illustrator's private data), or links to
    a file on the author's computer (file:, /Users/..., C:\\..., as an
    Inkscape "linked" image is written). A photo it embeds (a data: address,
    Inkscape's default, with or without ;charset=...) is replaced by
    picture_alone(its bytes) -> (type, bytes), so its EXIF goes too. What it
    draws is unchanged."""
    root = etree.fromstring(text)  # comments and processing instructions are dropped
    drop_editors_parts(root, picture_alone)
    return etree.tostring(root, encoding="unicode")


def drop_editors_parts(element, picture_alone):
    for child in list(element):
        if not drawn(child.tag) or child.tag == f"{{{SVG}}}metadata":
            element.remove(child)
        else:
            drop_editors_parts(child, picture_alone)
    for name, value in list(element.attrib.items()):
        if not drawn(name) or (name.endswith("href") and ON_HER_COMPUTER.match(value.strip())):
            del element.attrib[name]
        elif name.endswith("href") and EMBEDDED_PICTURE.match(value.strip()):
            element.set(name, embedded_alone(value.strip(), picture_alone))


def embedded_alone(address, picture_alone):
    """A data: address of a picture, with the picture alone (ValueError when
    it cannot be read)."""
    try:
        data = base64.b64decode(address.split(",", 1)[1], validate=False)
        kind, cleaned = picture_alone(data)
    except (binascii.Error, OSError, SyntaxError) as error:
        raise ValueError(f"a picture in the drawing cannot be read ({error})") from None
    return f"data:{kind};base64,{base64.b64encode(cleaned).decode('ascii')}"


def drawn(name):
    """Whether an element or attribute name is one a browser draws with."""
    if not name.startswith("{"):
        return True  # an attribute without a namespace: SVG's own
    return name[1:].split("}", 1)[0] in SVG_KEPT_NAMESPACES


# ISO base media files (MP4, M4V): the boxes holding what a phone or an
# editor wrote beside the film. udta: Android's place (©xyz), the phone's
# make and model; meta: an iPhone's place (com.apple.quicktime.location.
# ISO6709) and its keys; uuid: XMP. None is needed to play the film.
BMFF_HIDDEN = {b"udta", b"meta", b"uuid"}
# The boxes whose children are looked at: the film's header and each track.
BMFF_OPENED = {b"moov", b"trak"}


def mp4_without_metadata(data):
    """The MP4 `data` with each udta, meta and uuid box at the top, under
    moov and under each trak renamed `free` and its contents zeroed: every
    size and offset stays as it was (the chunk offsets into mdat too), so the
    film plays the same."""
    cleaned = bytearray(data)
    blank_hidden_boxes(cleaned, 0, len(cleaned))
    return bytes(cleaned)


def blank_hidden_boxes(data, start, end):
    for position, header, kind, box_end in bmff_boxes(data, start, end):
        if kind in BMFF_HIDDEN:
            data[position + 4:position + 8] = b"free"
            data[position + header:box_end] = bytes(box_end - position - header)
        elif kind in BMFF_OPENED:
            blank_hidden_boxes(data, position + header, box_end)


def bmff_boxes(data, start, end):
    """(position, header length, kind, end) of each box from start to end."""
    position = start
    while position < end:
        if position + 8 > end:
            raise ValueError("the video ends early")
        size, kind, header = int.from_bytes(data[position:position + 4], "big"), bytes(
            data[position + 4:position + 8]), 8
        if size == 1:  # a 64-bit size follows the kind
            if position + 16 > end:
                raise ValueError("the video ends early")
            size, header = int.from_bytes(data[position + 8:position + 16], "big"), 16
        elif size == 0:  # the box runs to the end
            size = end - position
        if size < header or position + size > end or not kind.isascii():
            raise ValueError("the video is not an MP4, or ends early")
        yield position, header, kind, position + size
        position += size


# WebM (EBML): the elements of a Segment holding what was written beside the
# film (Tags: titles, places, dates; Attachments: files, pictures).
EBML_HEADER, EBML_SEGMENT, EBML_VOID = 0x1A45DFA3, 0x18538067, 0xEC
EBML_HIDDEN = {0x1254C367, 0x1941A469}  # Tags, Attachments


def webm_without_metadata(data):
    """The WebM `data` with its Tags and Attachments made Void elements of
    the same length (contents zeroed): every offset stays, the film plays."""
    cleaned = bytearray(data)
    if ebml_id(cleaned, 0)[0] != EBML_HEADER:
        raise ValueError("not a WebM")
    position = 0
    while position < len(cleaned):
        element, after_id = ebml_id(cleaned, position)
        size, after_size = ebml_size(cleaned, after_id)
        if element in EBML_HIDDEN:
            end = after_size + size
            if end > len(cleaned):
                raise ValueError("the video ends early")
            cleaned[position:end] = void_element(end - position)
            position = end
        elif size is None or element == EBML_SEGMENT:
            position = after_size  # read inside (a live recording's clusters have no size)
        else:
            position = after_size + size
    if position != len(cleaned):
        raise ValueError("the video ends early")
    return bytes(cleaned)


def ebml_id(data, position):
    """(the element ID at `position`, with its marker bit, the position after)."""
    length = vint_length(data, position, 4)
    return int.from_bytes(data[position:position + length], "big"), position + length


def ebml_size(data, position):
    """(an element's size, None when unknown, the position after it)."""
    length = vint_length(data, position, 8)
    value = int.from_bytes(data[position:position + length], "big") & ((1 << 7 * length) - 1)
    return (None if value == (1 << 7 * length) - 1 else value), position + length


def vint_length(data, position, longest):
    if position >= len(data) or not data[position]:
        raise ValueError("the video ends early, or is not a WebM")
    length = 9 - data[position].bit_length()
    if length > longest or position + length > len(data):
        raise ValueError("the video ends early, or is not a WebM")
    return length


def void_element(total):
    """A Void element `total` bytes long, its contents zeroed."""
    size_length = min(8, total - 1)
    size = total - 1 - size_length
    return (bytes([EBML_VOID]) + ((1 << 7 * size_length) | size).to_bytes(size_length, "big")
            + bytes(size))
