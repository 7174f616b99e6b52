package dev.boardup.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated ELF64 x86-64 executable: its header and program headers, parsed from the file's bytes.
 * Everything the loader relies on is checked here, so loading itself cannot meet a malformed file.
 */
public final class ElfFile {
    public static final int ET_EXEC = 2, ET_DYN = 3;
    public static final int EM_X86_64 = 62;
    public static final int PT_LOAD = 1, PT_INTERP = 3, PT_PHDR = 6, PT_GNU_STACK = 0x6474E551;
    public static final int PF_X = 1, PF_W = 2, PF_R = 4;

    static final int EHDR_SIZE = 64, PHDR_SIZE = 56;
    private static final long PAGE = 4096;
    /** The top of user space on x86-64 with 4-level paging; no segment may reach beyond it. */
    static final long USER_TOP = 0x7FFF_FFFF_F000L;

    /** One program header (Elf64_Phdr). */
    public record ProgramHeader(int type, int flags, long offset, long vaddr, long filesz, long memsz, long align) {
        public boolean readable() {
            return (flags & PF_R) != 0;
        }

        public boolean writable() {
            return (flags & PF_W) != 0;
        }

        public boolean executable() {
            return (flags & PF_X) != 0;
        }
    }

    public final byte[] bytes;
    public final int type;
    public final long entry;
    public final long phoff;
    public final int phentsize;
    public final List<ProgramHeader> programHeaders;

    private ElfFile(byte[] bytes, int type, long entry, long phoff, int phentsize, List<ProgramHeader> phdrs) {
        this.bytes = bytes;
        this.type = type;
        this.entry = entry;
        this.phoff = phoff;
        this.phentsize = phentsize;
        this.programHeaders = List.copyOf(phdrs);
    }

    public boolean isPositionIndependent() {
        return type == ET_DYN;
    }

    public List<ProgramHeader> loadSegments() {
        return programHeaders.stream().filter(p -> p.type() == PT_LOAD).toList();
    }

    /** PT_GNU_STACK with PF_X asks for an executable stack; without PT_GNU_STACK x86-64 Linux also gives one. */
    public boolean wantsExecutableStack() {
        for (ProgramHeader p : programHeaders) {
            if (p.type() == PT_GNU_STACK) {
                return p.executable();
            }
        }
        return true;
    }

    /** Parses and validates {@code bytes}; any defect is a {@link BadExecutable} with a one-line reason. */
    public static ElfFile parse(byte[] bytes) throws BadExecutable {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        checkIdent(bytes);
        if (bytes.length < EHDR_SIZE) {
            throw new BadExecutable("truncated ELF header (" + bytes.length + " bytes, need 64)");
        }
        int type = Short.toUnsignedInt(b.getShort(16));
        int machine = Short.toUnsignedInt(b.getShort(18));
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int ehsize = Short.toUnsignedInt(b.getShort(52));
        int phentsize = Short.toUnsignedInt(b.getShort(54));
        int phnum = Short.toUnsignedInt(b.getShort(56));
        if (type != ET_EXEC && type != ET_DYN) {
            throw new BadExecutable(type == 1 ? "a relocatable object file (.o), not an executable"
                    : type == 4 ? "a core dump, not an executable" : "unknown ELF type " + type);
        }
        if (machine != EM_X86_64) {
            throw new BadExecutable("not an x86-64 executable (ELF machine " + machine + ")");
        }
        if (ehsize < EHDR_SIZE) {
            throw new BadExecutable("ELF header size " + ehsize + " is too small");
        }
        if (phentsize != PHDR_SIZE) {
            throw new BadExecutable("program header size " + phentsize + ", expected 56");
        }
        if (phnum == 0) {
            throw new BadExecutable("no program headers");
        }
        if (phoff < 0 || phoff > bytes.length || (long) phnum * PHDR_SIZE > bytes.length - phoff) {
            throw new BadExecutable("program headers at offset " + phoff + " lie outside the file");
        }
        List<ProgramHeader> phdrs = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * PHDR_SIZE);
            phdrs.add(new ProgramHeader(b.getInt(at), b.getInt(at + 4), b.getLong(at + 8), b.getLong(at + 16),
                    b.getLong(at + 32), b.getLong(at + 40), b.getLong(at + 48)));
        }
        ElfFile elf = new ElfFile(bytes, type, entry, phoff, phentsize, phdrs);
        elf.checkSegments();
        return elf;
    }

    private static void checkIdent(byte[] bytes) throws BadExecutable {
        if (bytes.length < 4 || bytes[0] != 0x7F || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw new BadExecutable("not an ELF file (bad magic)");
        }
        if (bytes.length < 16) {
            throw new BadExecutable("truncated ELF header (" + bytes.length + " bytes, need 64)");
        }
        if (bytes[4] != 2) {
            throw new BadExecutable(bytes[4] == 1 ? "a 32-bit ELF file; only ELF64 is supported"
                    : "bad ELF class " + bytes[4]);
        }
        if (bytes[5] != 1) {
            throw new BadExecutable("not a little-endian ELF file");
        }
        if (bytes[6] != 1) {
            throw new BadExecutable("bad ELF version " + bytes[6]);
        }
    }

    private void checkSegments() throws BadExecutable {
        int loads = 0;
        for (ProgramHeader p : programHeaders) {
            if (p.type() == PT_INTERP) {
                throw new BadExecutable("dynamically linked executables are not supported");
            }
            if (p.type() != PT_LOAD) {
                continue;
            }
            loads++;
            String which = String.format("PT_LOAD at 0x%x", p.vaddr());
            if (p.offset() < 0 || p.filesz() < 0 || p.offset() > bytes.length
                    || p.filesz() > bytes.length - p.offset()) {
                throw new BadExecutable(which + ": file bytes [" + p.offset() + ", +" + p.filesz()
                        + ") lie outside the file (" + bytes.length + " bytes)");
            }
            if (p.memsz() < p.filesz()) {
                throw new BadExecutable(which + ": memory size smaller than file size");
            }
            if (Long.remainderUnsigned(p.vaddr(), PAGE) != Long.remainderUnsigned(p.offset(), PAGE)) {
                throw new BadExecutable(which + ": address and file offset disagree modulo the page size");
            }
            long end = p.vaddr() + p.memsz();
            if (p.vaddr() < 0 || end < p.vaddr() || end > (isPositionIndependent() ? MAX_PIE_SPAN : USER_TOP)) {
                throw new BadExecutable(which + ": segment lies outside user space");
            }
        }
        if (loads == 0) {
            throw new BadExecutable("no loadable segments");
        }
    }

    /** ELF_ET_DYN_BASE: where Linux puts a PIE started by an interpreter, and a static PIE's break. */
    public static final long DYN_BASE = 0x5555_5555_4000L;
    /** A PIE must fit in the mmap area below the stack gap. */
    static final long MAX_PIE_SPAN = 0x7FFF_F7FF_F000L - 0x10000L;
}
