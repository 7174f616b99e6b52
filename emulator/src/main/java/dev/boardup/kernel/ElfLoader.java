package dev.boardup.kernel;

import java.util.Arrays;

/**
 * Linux's load_elf_binary for static executables: each PT_LOAD becomes an area of the address space with its own
 * permissions, filled on demand from a private copy of the segment's file bytes (so the tail of the last file page
 * and the bss read as zeros); PIE executables are placed at {@link ElfFile#DYN_BASE}. The break starts at the page
 * after the highest segment.
 */
public final class ElfLoader {
    /** Where the program ended up: what the initial stack's auxiliary vector and the CPU need. */
    public record Loaded(long entry, long loadBias, long phdr, int phnum, long brkStart, boolean executableStack) {}

    private ElfLoader() {}

    public static Loaded load(ElfFile elf, AddressSpace space, String name) {
        long bias = elf.isPositionIndependent() ? ElfFile.DYN_BASE - AddressSpace.pageDown(lowestVaddr(elf)) : 0;
        long highest = 0;
        for (ElfFile.ProgramHeader p : elf.loadSegments()) {
            mapSegment(elf, p, bias, space, name);
            highest = Math.max(highest, p.vaddr() + p.memsz() + bias);
        }
        return new Loaded(elf.entry + bias, bias, phdrAddress(elf) + bias, elf.programHeaders.size(),
                AddressSpace.pageUp(highest), elf.wantsExecutableStack());
    }

    private static void mapSegment(ElfFile elf, ElfFile.ProgramHeader p, long bias, AddressSpace space, String name) {
        long start = AddressSpace.pageDown(p.vaddr() + bias);
        long end = AddressSpace.pageUp(p.vaddr() + p.memsz() + bias);
        if (end == start) {
            return;
        }
        long lead = p.vaddr() + bias - start;
        int from = (int) (p.offset() - lead);
        byte[] backing = Arrays.copyOfRange(elf.bytes, from, (int) (p.offset() + p.filesz()));
        // A segment sharing a page with the previous one replaces it there, as MAP_FIXED does in Linux.
        space.unmap(start, end);
        space.add(start, end, prot(p), name, backing, 0);
    }

    static int prot(ElfFile.ProgramHeader p) {
        int prot = 0;
        if (p.readable()) prot |= Vma.PROT_READ;
        if (p.writable()) prot |= Vma.PROT_WRITE;
        if (p.executable()) prot |= Vma.PROT_EXEC;
        return prot;
    }

    private static long lowestVaddr(ElfFile elf) {
        long low = Long.MAX_VALUE;
        for (ElfFile.ProgramHeader p : elf.loadSegments()) {
            low = Math.min(low, p.vaddr());
        }
        return low;
    }

    /** AT_PHDR: PT_PHDR's address if present, else where the segment holding the headers puts them. */
    private static long phdrAddress(ElfFile elf) {
        for (ElfFile.ProgramHeader p : elf.programHeaders) {
            if (p.type() == ElfFile.PT_PHDR) {
                return p.vaddr();
            }
        }
        for (ElfFile.ProgramHeader p : elf.loadSegments()) {
            if (p.offset() <= elf.phoff && elf.phoff < p.offset() + p.filesz()) {
                return elf.phoff - p.offset() + p.vaddr();
            }
        }
        return 0;
    }
}
