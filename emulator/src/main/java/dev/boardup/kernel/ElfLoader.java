package dev.boardup.kernel;

import java.util.Arrays;

/**
 * Linux's load_elf_binary for static executables: each PT_LOAD becomes an area of the address space with its own
 * permissions, filled on demand from a private copy of the segment's file bytes (so the tail of the last file page
 * and the bss read as zeros). The (unrandomised) break starts at the page after the highest segment; the exec's
 * {@link Layout} may move it.
 *
 * <p>A static PIE (ET_DYN without PT_INTERP) goes where Linux 6.x puts it: like a shared library, at the top of the
 * mmap area (a random place when the mmap base is randomised), with its break moved to ELF_ET_DYN_BASE's page.
 * Only PIEs started by an interpreter sit at 0x555555554000, and those are not supported.
 */
public final class ElfLoader {
    /** Where the program ended up: what the initial stack's auxiliary vector and the CPU need. */
    public record Loaded(long entry, long loadBias, long phdr, int phnum, long brkStart, boolean executableStack) {}

    private ElfLoader() {}

    /**
     * Maps {@code elf}'s segments into {@code space}. {@code name} and {@code file} (the program's device and inode,
     * may be null) are what /proc/self/maps shows for them.
     */
    public static Loaded load(ElfFile elf, AddressSpace space, String name, Vma.FileRef file) {
        long bias = elf.isPositionIndependent() ? pieBias(elf, space) : 0;
        long highest = 0;
        for (ElfFile.ProgramHeader p : elf.loadSegments()) {
            mapSegment(elf, p, bias, space, name, file);
            highest = Math.max(highest, p.vaddr() + p.memsz() + bias);
        }
        long brk = elf.isPositionIndependent() ? STATIC_PIE_BRK : AddressSpace.pageUp(highest);
        return new Loaded(elf.entry + bias, bias, phdrAddress(elf) + bias, elf.programHeaders.size(), brk,
                elf.wantsExecutableStack());
    }

    private static void mapSegment(ElfFile elf, ElfFile.ProgramHeader p, long bias, AddressSpace space, String name,
                                   Vma.FileRef file) {
        long start = AddressSpace.pageDown(p.vaddr() + bias);
        long fileEnd = AddressSpace.pageUp(p.vaddr() + p.filesz() + bias);
        long end = AddressSpace.pageUp(p.vaddr() + p.memsz() + bias);
        if (end == start) {
            return;
        }
        long lead = p.vaddr() + bias - start;
        int from = (int) (p.offset() - lead);
        byte[] backing = Arrays.copyOfRange(elf.bytes, from, (int) (p.offset() + p.filesz()));
        // A segment sharing a page with the previous one replaces it there, as MAP_FIXED does in Linux.
        space.unmap(start, end);
        if (fileEnd > start) {
            Vma.FileRef ref = file == null ? null : new Vma.FileRef(file.dev(), file.ino(), from);
            space.add(new Vma(start, fileEnd, prot(p), name, backing, 0, ref));
        }
        if (end > fileEnd) {
            // The bss pages past the file's last page: an anonymous mapping, as in Linux's set_brk/vm_brk.
            space.add(fileEnd, end, prot(p), "", null, 0);
        }
    }

    static int prot(ElfFile.ProgramHeader p) {
        int prot = 0;
        if (p.readable()) prot |= Vma.PROT_READ;
        if (p.writable()) prot |= Vma.PROT_WRITE;
        if (p.executable()) prot |= Vma.PROT_EXEC;
        return prot;
    }

    /** ELF_ET_DYN_BASE (2/3 of the 47-bit user space), page-aligned: where a static PIE's heap begins. */
    static final long STATIC_PIE_BRK = 0x5555_5555_5000L;

    /** The load bias that puts the whole image right below the mmap base, as a top-down mmap of its span would. */
    private static long pieBias(ElfFile elf, AddressSpace space) {
        long low = AddressSpace.pageDown(lowestVaddr(elf));
        long high = 0;
        for (ElfFile.ProgramHeader p : elf.loadSegments()) {
            high = Math.max(high, AddressSpace.pageUp(p.vaddr() + p.memsz()));
        }
        return space.mmapBase() - (high - low) - low;
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
