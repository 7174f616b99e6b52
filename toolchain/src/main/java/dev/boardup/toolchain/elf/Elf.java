package dev.boardup.toolchain.elf;

/** The ELF64 constants the assembler and linker speak (System V gABI and the x86-64 psABI). */
public final class Elf {
    private Elf() {}

    public static final int EHDR_SIZE = 64, PHDR_SIZE = 56, SHDR_SIZE = 64, SYM_SIZE = 24, RELA_SIZE = 24;

    public static final int ELFCLASS64 = 2, ELFDATA2LSB = 1, EV_CURRENT = 1, ELFOSABI_SYSV = 0;
    public static final int ET_REL = 1, ET_EXEC = 2, ET_DYN = 3;
    public static final int EM_X86_64 = 62;

    public static final int SHT_NULL = 0, SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3, SHT_RELA = 4;
    public static final int SHT_NOBITS = 8, SHT_NOTE = 7, SHT_INIT_ARRAY = 14, SHT_FINI_ARRAY = 15, SHT_GROUP = 17;
    public static final long SHF_WRITE = 1, SHF_ALLOC = 2, SHF_EXECINSTR = 4, SHF_MERGE = 0x10, SHF_STRINGS = 0x20;
    public static final long SHF_INFO_LINK = 0x40, SHF_GROUP = 0x200, SHF_TLS = 0x400;
    public static final int SHN_UNDEF = 0, SHN_ABS = 0xFFF1, SHN_COMMON = 0xFFF2;

    public static final int STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2;
    public static final int STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2, STT_SECTION = 3, STT_FILE = 4, STT_TLS = 6;
    public static final int STV_DEFAULT = 0, STV_HIDDEN = 2;

    public static final int PT_NULL = 0, PT_LOAD = 1, PT_NOTE = 4, PT_PHDR = 6, PT_TLS = 7;
    public static final int PT_GNU_STACK = 0x6474E551;
    public static final int PF_X = 1, PF_W = 2, PF_R = 4;

    public static final int R_X86_64_NONE = 0, R_X86_64_64 = 1, R_X86_64_PC32 = 2, R_X86_64_GOT32 = 3;
    public static final int R_X86_64_PLT32 = 4, R_X86_64_GOTPCREL = 9, R_X86_64_32 = 10, R_X86_64_32S = 11;
    public static final int R_X86_64_16 = 12, R_X86_64_PC16 = 13, R_X86_64_8 = 14, R_X86_64_PC8 = 15;
    public static final int R_X86_64_PC64 = 24, R_X86_64_GOTPCRELX = 41, R_X86_64_REX_GOTPCRELX = 42;
    public static final int R_X86_64_DTPOFF64 = 17, R_X86_64_TPOFF64 = 18, R_X86_64_TLSGD = 19, R_X86_64_TLSLD = 20;
    public static final int R_X86_64_DTPOFF32 = 21, R_X86_64_GOTTPOFF = 22, R_X86_64_TPOFF32 = 23;
    public static final int R_X86_64_GOTOFF64 = 25, R_X86_64_GOTPC32 = 26;
    public static final int SHT_PREINIT_ARRAY = 16;
    public static final int STT_GNU_IFUNC = 10;
    public static final int STV_INTERNAL = 1, STV_PROTECTED = 3;

    public static int stInfo(int bind, int type) {
        return (bind << 4) | (type & 0xF);
    }

    public static int stBind(int info) {
        return (info >> 4) & 0xF;
    }

    public static int stType(int info) {
        return info & 0xF;
    }

    public static long rInfo(int symbol, int type) {
        return ((long) symbol << 32) | (type & 0xFFFFFFFFL);
    }
}
