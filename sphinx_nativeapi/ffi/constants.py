"""The integer value of an object-like macro, where its text is an integer constant expression.

``#define FLAG_B (1u << 3)`` is a fact an FFI user needs as a number; ``#define CALL(x) ...`` or
``#define NAME "text"`` is not one. Only literals, other known constants, casts to integer types and
C's integer operators but ``~`` (whose result depends on the operand's type) are evaluated, with C's
truncating division; anything else gives None.
"""

from __future__ import annotations

import ast
import re

_INTEGER = re.compile(r"\b(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)(?:[uU]?[lL]{0,2}|[lL]{1,2}[uU])\b")
_CHAR = re.compile(r"'(\\?.)'")
_CAST = re.compile(
    r"\(\s*(?:(?:const|unsigned|signed|int|long|short|char|size_t|ssize_t|u?int(?:8|16|32|64|ptr|max)_t)\s*)+\)"
)
_ESCAPES = {"\\n": 10, "\\t": 9, "\\r": 13, "\\0": 0, "\\\\": 92, "\\'": 39}
_BINARY = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.FloorDiv: lambda a, b: int(a / b) if b else None,
    ast.Mod: lambda a, b: a - b * int(a / b) if b else None,
    ast.LShift: lambda a, b: a << b if 0 <= b < 128 else None,
    ast.RShift: lambda a, b: a >> b if 0 <= b < 128 else None,
    ast.BitOr: lambda a, b: a | b,
    ast.BitAnd: lambda a, b: a & b,
    ast.BitXor: lambda a, b: a ^ b,
}


def _literal(match: re.Match[str]) -> str:
    digits = match.group(1)
    if len(digits) > 1 and digits[0] == "0" and digits[1] not in "xXbB":
        return str(int(digits, 8))
    return str(int(digits, 0))


def _char(match: re.Match[str]) -> str:
    text = match.group(1)
    return str(_ESCAPES.get(text, ord(text[-1])))


def integer_value(text: str | None, known: dict[str, int]) -> int | None:
    """The value of a macro's replacement text, or None when it is not an integer constant."""
    if not text or len(text) > 200 or '"' in text:
        return None
    expression = _CAST.sub(" ", _CHAR.sub(_char, _INTEGER.sub(_literal, text)))
    if re.search(r"[^\w\s()+\-*/%<>|&^~]", expression) or "&&" in expression or "||" in expression:
        return None
    try:
        tree = ast.parse(expression.replace("/", "//"), mode="eval")
    except (SyntaxError, ValueError):
        return None
    return _evaluate(tree.body, known)


def _evaluate(node: ast.AST, known: dict[str, int]) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.Name):
        return known.get(node.id)
    if isinstance(node, ast.UnaryOp):
        value = _evaluate(node.operand, known)
        if value is None:
            return None
        if isinstance(node.op, ast.USub):
            return -value
        if isinstance(node.op, ast.UAdd):
            return value
        return None  # ~ depends on the operand's C type (~0u is not -1), which is not tracked
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _evaluate(node.left, known), _evaluate(node.right, known)
        if left is None or right is None:
            return None
        return _BINARY[type(node.op)](left, right)
    return None
