"""Text from articles, file names and record ids is untrusted: how each output shows it harmlessly.

Whoever can name a file or write an article controls part of every output. Printed raw, a line
break followed by `::error ...` forges a GitHub workflow command in a CI log, an escape
sequence drives the reader's terminal, a bidi override makes "15" read as "51", and a control
character makes an XML report unparsable. Each function here shows such characters as visible
escapes (`\\x1b`, `\\u202e`) instead, so nothing is hidden from the reader and nothing is obeyed.
"""
from __future__ import annotations

import re

# Explicit bidi embeddings, overrides and isolates: they reorder the text around them.
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# C0 and C1 controls (line breaks, ESC...), DEL, line and paragraph separators, bidi controls.
_TERMINAL_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI_CONTROLS}]")
# The same, less the tab and line breaks, which an HTML page shows as plain white space.
_HTML_UNSAFE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029{_BIDI_CONTROLS}]")
# Everything XML 1.0 forbids in a document: most C0 controls, lone surrogates, U+FFFE and U+FFFF.
_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """One line for a terminal or a CI log: no line breaks, escape sequences or bidi controls."""
    return _TERMINAL_UNSAFE.sub(_visible, text)


def for_html(text: str) -> str:
    """Text for an HTML page: bidi controls and invisible controls shown, white space kept."""
    return _HTML_UNSAFE.sub(_visible, text)


def for_xml(text: str) -> str:
    """A string every XML 1.0 parser accepts: forbidden characters shown as escapes."""
    return _XML_FORBIDDEN.sub(_visible, text)
