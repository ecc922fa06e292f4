"""The lexer of Go's text/template (text/template/parse/lex.go): a template's text as items."""

from __future__ import annotations

from dataclasses import dataclass

from netsim.golang.template.fmt import go_quote

# item types (lex.go itemType)
(ITEM_ERROR, ITEM_BOOL, ITEM_CHAR, ITEM_CHARCONST, ITEM_COMPLEX, ITEM_ASSIGN, ITEM_DECLARE,
 ITEM_EOF, ITEM_FIELD, ITEM_IDENT, ITEM_LDELIM, ITEM_LPAREN, ITEM_NUMBER, ITEM_PIPE,
 ITEM_RAWSTRING, ITEM_RDELIM, ITEM_RPAREN, ITEM_SPACE, ITEM_STRING, ITEM_TEXT, ITEM_VARIABLE,
 ITEM_KEYWORD, ITEM_BLOCK, ITEM_BREAK, ITEM_CONTINUE, ITEM_DOT, ITEM_DEFINE, ITEM_ELSE,
 ITEM_END, ITEM_IF, ITEM_NIL, ITEM_RANGE, ITEM_TEMPLATE, ITEM_WITH) = range(34)

_KEYWORDS = {".": ITEM_DOT, "block": ITEM_BLOCK, "break": ITEM_BREAK, "continue": ITEM_CONTINUE,
             "define": ITEM_DEFINE, "else": ITEM_ELSE, "end": ITEM_END, "if": ITEM_IF,
             "range": ITEM_RANGE, "nil": ITEM_NIL, "template": ITEM_TEMPLATE, "with": ITEM_WITH}
_SPACES = " \t\r\n"


@dataclass(frozen=True)
class Item:
    """A lexed item (lex.go ``item``): its type, byte position, text and line."""

    typ: int
    pos: int
    val: str
    line: int

    def __str__(self) -> str:
        if self.typ == ITEM_EOF:
            return "EOF"
        if self.typ == ITEM_ERROR:
            return self.val
        if self.typ > ITEM_KEYWORD:
            return f"<{self.val}>"
        if len(self.val) > 10:
            return go_quote(self.val[:10]) + "..."
        return go_quote(self.val)


def _is_alnum(ch: str) -> bool:
    return ch == "_" or ch.isalpha() or ch.isdigit()


class Lexer:
    """lex.go's lexer: lexes the whole text into ``items`` at construction."""

    def __init__(self, text: str) -> None:
        self.input = text
        self.items: list[Item] = []
        self.pos = 0
        self.start = 0
        self.paren_depth = 0
        self.done = False
        self._run()

    # -- helpers
    def _line(self, pos: int) -> int:
        return 1 + self.input.count("\n", 0, pos)

    def _emit(self, typ: int) -> None:
        self.items.append(Item(typ, self.start, self.input[self.start:self.pos],
                                self._line(self.start)))
        self.start = self.pos

    def _error(self, msg: str) -> None:
        self.items.append(Item(ITEM_ERROR, self.start, msg, self._line(self.start)))
        self.done = True

    def _peek(self) -> str:
        return self.input[self.pos] if self.pos < len(self.input) else ""

    def _next(self) -> str:
        ch = self._peek()
        if ch:
            self.pos += 1
        return ch

    def _at_right_delim(self) -> tuple[bool, bool]:
        rest = self.input[self.pos:]
        if rest.startswith("}}"):
            return True, False
        if rest.startswith(" -}}"):
            return True, True
        return False, False

    def _at_terminator(self) -> bool:
        ch = self._peek()
        return ch == "" or ch in _SPACES or ch in ".,|:)(" or self.input.startswith("}}", self.pos)

    # -- states
    def _run(self) -> None:
        while not self.done:
            self._lex_text()

    def _lex_text(self) -> None:
        x = self.input.find("{{", self.pos)
        if x < 0:
            self.pos = len(self.input)
            if self.pos > self.start:
                self._emit(ITEM_TEXT)
            self._emit(ITEM_EOF)
            self.done = True
            return
        self.pos = x
        trim = 0
        if self.input.startswith("- ", x + 2):
            text = self.input[self.start:x]
            trim = len(text) - len(text.rstrip(_SPACES))
        self.pos -= trim
        if self.pos > self.start:
            self._emit(ITEM_TEXT)
        self.pos = x
        self.start = self.pos
        self._lex_left_delim()

    def _lex_left_delim(self) -> None:
        self.pos += 2
        trim = self.input.startswith("- ", self.pos)
        after = 2 if trim else 0
        if self.input.startswith("/*", self.pos + after):
            self.pos += after
            self.start = self.pos
            self._lex_comment()
            return
        self._emit(ITEM_LDELIM)
        self.pos += after
        self.start = self.pos
        self.paren_depth = 0
        self._lex_inside_action()

    def _lex_comment(self) -> None:
        self.pos += 2
        i = self.input.find("*/", self.pos)
        if i < 0:
            self._error("unclosed comment")
            return
        self.pos = i + 2
        delim, trim = self._at_right_delim()
        if not delim:
            self._error("comment ends before closing delimiter")
            return
        if trim:
            self.pos += 2
        self.pos += 2
        if trim:
            rest = self.input[self.pos:]
            self.pos += len(rest) - len(rest.lstrip(_SPACES))
        self.start = self.pos

    def _lex_right_delim(self) -> None:
        trim = self.input.startswith(" -", self.pos)
        if trim:
            self.pos += 2
            self.start = self.pos
        self.pos += 2
        self._emit(ITEM_RDELIM)
        if trim:
            rest = self.input[self.pos:]
            self.pos += len(rest) - len(rest.lstrip(_SPACES))
            self.start = self.pos

    def _lex_inside_action(self) -> None:
        while not self.done:
            delim, _ = self._at_right_delim()
            if delim:
                if self.paren_depth == 0:
                    self._lex_right_delim()
                    return
                self._error("unclosed left paren")
                return
            ch = self._next()
            if ch == "":
                self._error("unclosed action")
                return
            if ch in _SPACES:
                self.pos -= 1
                self._lex_space()
            elif ch == "=":
                self._emit(ITEM_ASSIGN)
            elif ch == ":":
                if self._next() != "=":
                    self._error("expected :=")
                    return
                self._emit(ITEM_DECLARE)
            elif ch == "|":
                self._emit(ITEM_PIPE)
            elif ch == '"':
                self._lex_quote()
            elif ch == "`":
                self._lex_raw_quote()
            elif ch == "$":
                self._lex_variable()
            elif ch == "'":
                self._lex_char()
            elif ch == "." and self._peek() and not "0" <= self._peek() <= "9":
                self._lex_field_or_variable(ITEM_FIELD)
            elif ch in "+-." or "0" <= ch <= "9":
                self.pos -= 1
                self._lex_number()
            elif _is_alnum(ch):
                self.pos -= 1
                self._lex_identifier()
            elif ch == "(":
                self._emit(ITEM_LPAREN)
                self.paren_depth += 1
            elif ch == ")":
                self._emit(ITEM_RPAREN)
                self.paren_depth -= 1
                if self.paren_depth < 0:
                    self._error("unexpected right paren")
                    return
            elif ord(ch) < 0x80 and ch.isprintable():
                self._emit(ITEM_CHAR)
            else:
                self._error(f"unrecognized character in action: {_go_unicode(ch)}")
                return

    def _lex_space(self) -> None:
        n = 0
        while self._peek() and self._peek() in _SPACES:
            self._next()
            n += 1
        # a space before "-}}" belongs to the trim marker
        if self.input.startswith(" -}}", self.pos - 1):
            self.pos -= 1
            if n == 1:
                return
        self._emit(ITEM_SPACE)

    def _lex_identifier(self) -> None:
        while _is_alnum(self._peek()):
            self._next()
        word = self.input[self.start:self.pos]
        if not self._at_terminator():
            self._error(f"bad character {_go_unicode(self._peek())}")
            return
        if word in _KEYWORDS and _KEYWORDS[word] > ITEM_KEYWORD:
            self._emit(_KEYWORDS[word])
        elif word[0] == ".":
            self._emit(ITEM_FIELD)
        elif word in ("true", "false"):
            self._emit(ITEM_BOOL)
        else:
            self._emit(ITEM_IDENT)

    def _lex_variable(self) -> None:
        if self._at_terminator():
            self._emit(ITEM_VARIABLE)
            return
        self._lex_field_or_variable(ITEM_VARIABLE)

    def _lex_field_or_variable(self, typ: int) -> None:
        if self._at_terminator():
            self._emit(ITEM_VARIABLE if typ == ITEM_VARIABLE else ITEM_DOT)
            return
        while _is_alnum(self._peek()):
            self._next()
        if not self._at_terminator():
            self._error(f"bad character {_go_unicode(self._peek())}")
            return
        self._emit(typ)

    def _lex_char(self) -> None:
        while True:
            ch = self._next()
            if ch == "\\":
                nxt = self._next()
                if nxt not in ("", "\n"):
                    continue
                ch = ""
            if ch in ("", "\n"):
                self._error("unterminated character constant")
                return
            if ch == "'":
                break
        self._emit(ITEM_CHARCONST)

    def _lex_number(self) -> None:
        if not self._scan_number():
            self._error(f"bad number syntax: {go_quote(self.input[self.start:self.pos])}")
            return
        if self._peek() in ("+", "-") and self._peek():
            if not self._scan_number() or self.input[self.pos - 1] != "i":
                self._error(f"bad number syntax: {go_quote(self.input[self.start:self.pos])}")
                return
            self._emit(ITEM_COMPLEX)
        else:
            self._emit(ITEM_NUMBER)

    def _accept(self, valid: str) -> bool:
        ch = self._peek()
        if ch and ch in valid:
            self.pos += 1
            return True
        return False

    def _accept_run(self, valid: str) -> None:
        while self._accept(valid):
            pass

    def _scan_number(self) -> bool:
        self._accept("+-")
        digits = "0123456789_"
        if self._accept("0"):
            if self._accept("xX"):
                digits = "0123456789abcdefABCDEF_"
            elif self._accept("oO"):
                digits = "01234567_"
            elif self._accept("bB"):
                digits = "01_"
        self._accept_run(digits)
        if self._accept("."):
            self._accept_run(digits)
        if len(digits) == 11 and self._accept("eE"):
            self._accept("+-")
            self._accept_run("0123456789_")
        if len(digits) == 23 and self._accept("pP"):
            self._accept("+-")
            self._accept_run("0123456789_")
        self._accept("i")
        if _is_alnum(self._peek()):
            self._next()
            return False
        return True

    def _lex_quote(self) -> None:
        while True:
            ch = self._next()
            if ch == "\\":
                nxt = self._next()
                if nxt not in ("", "\n"):
                    continue
                ch = ""
            if ch in ("", "\n"):
                self._error("unterminated quoted string")
                return
            if ch == '"':
                break
        self._emit(ITEM_STRING)

    def _lex_raw_quote(self) -> None:
        i = self.input.find("`", self.pos)
        if i < 0:
            self._error("unterminated raw quoted string")
            return
        self.pos = i + 1
        self._emit(ITEM_RAWSTRING)


def _go_unicode(ch: str) -> str:
    """Go's ``%#U``: ``U+0021 '!'``."""
    if not ch:
        return "U+FFFFFFFFFFFFFFFF"
    cp = ord(ch)
    return f"U+{cp:04X} '{ch}'" if ch.isprintable() else f"U+{cp:04X}"
