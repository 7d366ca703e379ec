"""A struct with bit-fields, as ctypes must be told it to lay it out where GCC and clang do.

ctypes before Python 3.14 starts a new storage unit whenever a bit-field's type changes, and never puts
a plain field inside a unit of bit-fields, while GCC packs ``char tag; unsigned x : 20;`` into one
``int``. Clang gives every field's bit offset, so the layout is written out explicitly instead: every
unit is of one integer size (the largest bit-field type, at most the struct's alignment), each field
that lies in a unit's bytes is a bit-field of the unit's type (a ``char`` there reads the same as an
8-bit field), holes are unnamed-looking ``_gapN`` bit-fields, and each unit is filled to its end so
that ctypes starts the next one where clang does. The result is simulated as ctypes lays it out and
checked against clang's offsets and size; what does not come out equal raises Unexpressible.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sphinx_nativeapi.ffi.api import Type, Unexpressible
from sphinx_nativeapi.platforms import Platform


@dataclass
class Entry:
    """One ``_fields_`` entry: a member as it is, or as (or a gap in) a bit-field of a unit."""

    name: str
    member: Type | None  # None for a gap
    width: int | None = None  # bits, for a bit-field
    unit: int | None = None  # the unit's size in bytes, where the member became a bit-field of it
    signed: bool = False


def align_of_integer(size: int, platform: Platform) -> int:
    """An integer's alignment in a struct: 8-byte ones are 4-aligned on i386 System V only."""
    return 4 if size == 8 and platform.data_model == "ILP32" and not platform.is_windows else size


def explicit_layout(
    definition: Type,
    platform: Platform,
    integer_of: Callable[[Type], Type | None],
    layout_of: Callable[[Type], tuple[int, int] | None],
) -> list[Entry]:
    """The entries of a struct with bit-fields; ``integer_of`` gives a member type's integer (size,
    signed) or None, ``layout_of`` its size and alignment on the platform (None: unknown)."""
    fields = definition["fields"]
    sizes = [integer_of(f["type"])["size"] for f in fields if f["bits"] and integer_of(f["type"])]
    unit = min(max(sizes, default=1), definition["align"], 8)
    unit_bits = unit * 8
    # Which unit each member lies in (by the unit's first bit), or None for a plain member.
    placed: list[tuple[Type, int | None]] = []
    units: set[int] = set()
    for member in fields:
        if member["bits"] is not None:
            if member["bits"] == 0 or member["name"] is None:
                continue  # a zero-width or unnamed bit-field only moves what follows: offsets say where
            start = member["offset"] - member["offset"] % unit_bits
            if member["offset"] + member["bits"] > start + unit_bits:
                raise Unexpressible(f"bit-field {member['name']} straddles {unit}-byte units")
            units.add(start)
            placed.append((member, start))
        else:
            placed.append((member, None))
    for i, (member, start) in enumerate(placed):
        if start is not None:
            continue
        layout = layout_of(member["type"])
        if layout is None:
            raise Unexpressible(f"the size of {member['name']} is unknown")
        size = layout[0]
        overlapping = [
            u for u in units if u < member["offset"] + size * 8 and member["offset"] < u + unit_bits
        ]
        if overlapping:
            integer = integer_of(member["type"])
            inside = member["offset"] + size * 8 <= overlapping[0] + unit_bits and len(overlapping) == 1
            if integer is None or not inside:
                raise Unexpressible(f"{member['name']} shares bytes with bit-fields but is not an integer")
            placed[i] = (member, overlapping[0])
    return _entries(placed, unit, platform, integer_of, layout_of, definition)


def _entries(
    placed: list[tuple[Type, int | None]],
    unit: int,
    platform: Platform,
    integer_of: Callable[[Type], Type | None],
    layout_of: Callable[[Type], tuple[int, int] | None],
    definition: Type,
) -> list[Entry]:
    unit_bits = unit * 8
    entries: list[Entry] = []
    position = 0  # bits: where ctypes is after the last entry
    open_unit: int | None = None
    used = 0  # bits used in the open unit
    record_align = 1
    gaps = 0

    def gap(width: int) -> None:
        nonlocal gaps
        if width > 0:
            entries.append(Entry(f"_gap{gaps}", None, width, unit, False))
            gaps += 1

    def close() -> None:
        nonlocal open_unit, position
        if open_unit is not None:
            gap(open_unit + unit_bits - used)
            position = open_unit + unit_bits
            open_unit = None

    for member, start in placed:
        if start is None:
            close()
            size, align = layout_of(member["type"]) or (0, 1)
            position = -(-position // (align * 8)) * align * 8
            if position != member["offset"]:
                raise Unexpressible(
                    f"ctypes would put {member['name']} at bit {position}, not {member['offset']}"
                )
            entries.append(Entry(member["name"] or "", member))
            position += size * 8
            record_align = max(record_align, align)
            continue
        if open_unit != start:
            close()
            align = align_of_integer(unit, platform)
            aligned = -(-position // (align * 8)) * align * 8
            if aligned != start:
                raise Unexpressible(f"ctypes would start a bit-field unit at bit {aligned}, not {start}")
            open_unit, used = start, start
            record_align = max(record_align, align)
        gap(member["offset"] - used)
        integer = integer_of(member["type"])
        assert integer is not None
        width = member["bits"] if member["bits"] is not None else integer["size"] * 8
        entries.append(Entry(member["name"], member, width, unit, integer.get("signed", False)))
        used = member["offset"] + width
    close()
    size = -(-position // (record_align * 8)) * record_align
    if size != definition["size"] or record_align != definition["align"]:
        raise Unexpressible(
            f"ctypes would make it {size} bytes aligned to {record_align}, not {definition['size']} "
            f"aligned to {definition['align']}"
        )
    return entries
