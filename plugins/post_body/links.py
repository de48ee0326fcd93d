"""Where a link or an image in a post points: the file of the content folder
the coach meant, found the way she wrote it, or what to write instead.

Pure functions over a `ContentFiles` (the names of the files under the
content folder), so they are tested without building a site.
"""

import difflib
import os
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, unquote

# Another site's address written without https:// (www.example.com, example.org/x).
WEB_ADDRESS = re.compile(r"^(?:www\.[^/\s]+|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co\.uk|uk|io))"
                         r"(?:/\S*)?$", re.I)
# The forms Pelican resolves itself.
PELICAN_LINK = re.compile(r"^\{(?P<kind>filename|static|attach)\}(?P<target>.*)$", re.S)
# Another site or another kind of address: https:, mailto:, tel:, data:, //host.
ELSEWHERE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
# A file on her own computer: file:///..., C:\..., \\server\..., ~/..., /Users/...
ON_HER_COMPUTER = re.compile(
    r"^(?:file:|[a-z]:[\\/]|\\\\|~/|/(?:Users|home|Volumes|private|mnt|media|var/folders)/)",
    re.I)
# A file name's extension: what tells a file from a page's address (`../about/`).
EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")
SOURCE_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm")
VIDEO_EXTENSIONS = (".mp4", ".m4v", ".webm")
# Videos most browsers cannot play (an iPhone's .mov is often HEVC).
UNPLAYABLE_VIDEO_EXTENSIONS = (".mov", ".avi", ".wmv", ".mkv", ".3gp")


@dataclass(frozen=True)
class Resolved:
    """What to write in place of the address: `{filename}/...` or `{static}/...`."""
    address: str


@dataclass(frozen=True)
class Refused:
    """An address that cannot work: what is wrong and what to write instead."""
    what: str
    fix: str


class ContentFiles:
    """The files under the content folder, by their path in it ("images/x.jpg"),
    looked up as a Mac shows them: the same letters in Unicode's composed and
    decomposed forms, and in either case, are the same name."""

    def __init__(self, paths, sources_in, published_in):
        self.paths = sorted(paths)
        self.sources_in = tuple(folder.rstrip("/") + "/" for folder in sources_in)
        self.published_in = tuple(folder.rstrip("/") + "/" for folder in published_in)
        self.by_key = {}
        for path in self.paths:
            self.by_key.setdefault(name_key(path), []).append(path)

    @classmethod
    def under(cls, content_path, sources_in, published_in):
        paths = []
        for folder, _, files in os.walk(content_path):
            relative = os.path.relpath(folder, content_path).replace(os.sep, "/")
            paths += [posixpath.normpath(posixpath.join(relative, name)) for name in files]
        return cls(paths, sources_in, published_in)

    def find(self, path):
        """The file's path as stored, for `path` as written, or None. An exact
        match first, then one that differs only in form or case, if only one does."""
        if path in self.by_key.get(name_key(path), ()):
            return path
        matches = self.by_key.get(name_key(path), [])
        return matches[0] if len(matches) == 1 else None

    def named(self, name):
        """The one file anywhere called `name`, or None (none, or several)."""
        key = name_key(name)
        matches = [path for path in self.paths if name_key(posixpath.basename(path)) == key]
        return matches[0] if len(matches) == 1 else None

    def close_to(self, name):
        """The file whose name is closest to `name` (a typo), or None."""
        names = {posixpath.basename(path): path for path in self.paths}
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
        return names[close[0]] if close else None

    def is_source(self, path):
        return path.startswith(self.sources_in) and path.lower().endswith(SOURCE_EXTENSIONS)

    def is_published(self, path):
        return path.startswith(self.published_in)


def name_key(path):
    return unicodedata.normalize("NFC", path).casefold()


def how_to_write(path, files):
    """The address to write for the file at `path` in the content folder."""
    if files.is_source(path):
        return "{filename}/" + path
    return "{static}/" + quote(path)


def written_forms(address):
    """(path, rest) splits to try, whole address first: a `#` or `?` may be
    part of a file's name ("stretch #2.jpg") or start a fragment or a query."""
    forms = [(address, "")]
    for mark in ("#", "?"):
        if mark in address:
            at = address.index(mark)
            forms.append((address[:at], address[at:]))
    return forms


def candidates(path, post_dir):
    """The paths in the content folder that `path`, as written in a post in
    `post_dir`, may mean: from the post's folder, then from the content
    folder, with a leading ./ or content/ set aside."""
    path = unquote(path).replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    found = []
    if not path.startswith("/"):
        found.append(posixpath.normpath(posixpath.join(post_dir, path)))
    bare = path.lstrip("/").removeprefix("content/")
    found.append(posixpath.normpath(bare))
    return [candidate for candidate in found if not candidate.startswith("..")]


def find_meant(address, post_dir, files):
    """(the file meant, the fragment or query after it) or (None, "")."""
    for path, rest in written_forms(address):
        if not path:
            continue
        for candidate in candidates(path, post_dir):
            if found := files.find(candidate):
                return found, rest
        if "/" not in path.strip("./") and (found := files.named(unquote(path))):
            return found, rest
    return None, ""


def resolve(address, post_dir, files, is_image=False):
    """None (leave the address as it is), Resolved (write this instead) or
    Refused (a problem to report) for one href or src of a post in `post_dir`."""
    if not address or address.startswith(("#", "?")):
        return None
    if ON_HER_COMPUTER.match(address):
        return on_her_computer(address, files)
    pelican = PELICAN_LINK.match(address)
    if pelican is None and ELSEWHERE.match(address):
        return None
    written = pelican["target"] if pelican else address
    if pelican is None and written.startswith("/") and not written.startswith("/content/"):
        return None  # from the site's root: root_links and images take it
    if pelican and target_exists(written, post_dir, files):
        return None  # Pelican finds it
    if is_image and not is_video(written) and reaches_photo(written, post_dir, files):
        return None  # the images plugin finds it as written
    if pelican is None and WEB_ADDRESS.match(written):
        return Refused(f"{address} is another site's address without https:// in front, "
                       "so it would lead to a page of this site that does not exist.",
                       f"Write https://{address}.")
    found, rest = find_meant(written, post_dir, files)
    if found is not None:
        if not (files.is_source(found) or files.is_published(found)):
            return unpublished(address, found, files)
        return Resolved(how_to_write(found, files) + rest)
    if pelican or not any(EXTENSION.search(unquote(path)) for path, _ in written_forms(written)):
        return None  # Pelican's own check names it; an address without a file name
    if is_image and written.lstrip("./").startswith(files.published_in) and not any(
            mark in written for mark in "#?"):
        return None  # the images plugin names a missing photo itself
    return missing(address, written, files)


def is_video(address):
    return unquote(address.split("?")[0]).lower().endswith(
        VIDEO_EXTENSIONS + UNPLAYABLE_VIDEO_EXTENSIONS)


def reaches_photo(address, post_dir, files):
    """Whether the images plugin finds the photo as written: from the content
    folder, or from the post's folder after `.`; up to a `#` or `?`; the name
    exactly as stored."""
    path = unquote(address.split("#")[0].split("?")[0])
    where = posixpath.join(post_dir, path) if path.startswith(".") else path.lstrip("/")
    where = posixpath.normpath(where)
    return files.find(where) == where and files.is_published(where)


def target_exists(target, post_dir, files):
    path = unquote(target.split("#")[0].split("?")[0])
    where = path.lstrip("/") if path.startswith("/") else posixpath.join(post_dir, path)
    return files.find(posixpath.normpath(where)) is not None


def on_her_computer(address, files):
    name = re.split(r"[\\/]", unquote(address))[-1]
    found = files.named(name)
    if found is not None:
        return Refused(f"{address} is a file on your computer, which readers cannot open.",
                       f"The file is in content/{posixpath.dirname(found)}/: write "
                       f"{plain_form(found, files)} instead.")
    return Refused(f"{address} is a file on your computer, which readers cannot open.",
                   f"Copy {name} into content/{files.published_in[0]} and write "
                   f"{files.published_in[0]}{name}.")


def plain_form(path, files):
    """The shortest way to write a link to `path`: images/x.jpg, {filename}/..."""
    return path if files.is_published(path) else how_to_write(path, files)


def unpublished(address, found, files):
    return Refused(f"{address} is content/{found}, in a folder the site does not publish.",
                   f"Move it into content/{files.published_in[0]} and write "
                   f"{files.published_in[0]}{posixpath.basename(found)}.")


def missing(address, written, files):
    path = next(path for path, _ in written_forms(written) if EXTENSION.search(unquote(path)))
    name = posixpath.basename(unquote(path).replace("\\", "/"))
    close = files.close_to(name)
    if close is not None:
        fix = f"Did you mean content/{close}? Write {plain_form(close, files)}."
    elif name.lower().endswith(SOURCE_EXTENSIONS):
        fix = "Check the file name in content/articles/ or content/pages/."
    else:
        fix = (f"Copy {name} into content/{files.published_in[0]} and write "
               f"{files.published_in[0]}{name}.")
    return Refused(f"{address} points to a file that is not in content/.", fix)
