"""Just enough of an ELF reader (stdlib struct) to tell static from dynamic, stripped or not."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

PT_DYNAMIC = 2
PT_INTERP = 3
#: e_machine values (ELF spec, "Machine Information").
EM_386 = 3
EM_PPC64 = 21
EM_ARM = 40
EM_X86_64 = 62
EM_AARCH64 = 183
MACHINE_OF_GOARCH = {
    "amd64": EM_X86_64,
    "arm64": EM_AARCH64,
    "arm": EM_ARM,
    "386": EM_386,
    "ppc64le": EM_PPC64,
}


@dataclass(frozen=True)
class Elf:
    bits: int
    machine: int
    segment_types: frozenset[int]
    section_names: frozenset[str]

    @classmethod
    def read(cls, path: Path) -> Elf:
        data = path.read_bytes()
        if data[:4] != b"\x7fELF":
            raise ValueError(f"{path} is not an ELF file")
        bits = {1: 32, 2: 64}[data[4]]
        order = {1: "<", 2: ">"}[data[5]]
        if bits == 64:
            header = struct.unpack_from(order + "HHIQQQIHHHHHH", data, 16)
        else:
            header = struct.unpack_from(order + "HHIIIIIHHHHHH", data, 16)
        (_, machine, _, _, phoff, shoff, _, _, phentsize, phnum, shentsize, shnum, shstrndx) = (
            header
        )
        segments = frozenset(
            struct.unpack_from(order + "I", data, phoff + i * phentsize)[0] for i in range(phnum)
        )
        return cls(
            bits,
            machine,
            segments,
            _section_names(data, order, bits, shoff, shentsize, shnum, shstrndx),
        )

    @property
    def is_static(self) -> bool:
        """No dynamic loader requested and nothing to link at start-up."""
        return not {PT_INTERP, PT_DYNAMIC} & self.segment_types and ".dynamic" not in (
            self.section_names
        )

    @property
    def is_stripped(self) -> bool:
        """No symbol table (-s) and no DWARF debug data (-w)."""
        return ".symtab" not in self.section_names and not any(
            name.startswith((".debug", ".zdebug")) for name in self.section_names
        )


def _section_names(
    data: bytes, order: str, bits: int, shoff: int, shentsize: int, shnum: int, shstrndx: int
) -> frozenset[str]:
    if shoff == 0 or shnum == 0:
        return frozenset()
    # sh_name is the first word; sh_offset is the 5th field (after flags and addr).
    offset_format = order + ("IIQQQ" if bits == 64 else "IIIII")

    def header(index: int) -> tuple[int, int]:
        fields = struct.unpack_from(offset_format, data, shoff + index * shentsize)
        return fields[0], fields[4]

    _, strtab = header(shstrndx)
    names = set()
    for index in range(shnum):
        name_offset, _ = header(index)
        start = strtab + name_offset
        names.add(data[start : data.index(b"\0", start)].decode())
    return frozenset(names)
