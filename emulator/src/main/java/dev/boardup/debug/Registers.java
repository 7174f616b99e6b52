package dev.boardup.debug;

import dev.boardup.cpu.CpuState;
import java.io.ByteArrayOutputStream;

/**
 * gdb's view of the x86-64 register file, in the numbering of the target description gdb gets from
 * {@link #TARGET_XML} (the amd64-linux layout gdbserver uses): rax..r15 in gdb's order, rip, eflags, the six
 * segment selectors, the x87 stack and control registers, xmm0..15, mxcsr, orig_rax, fs_base and gs_base.
 * Values travel as little-endian bytes.
 */
final class Registers {
    /** gdb's order of the general registers, as CpuState indices. */
    private static final int[] GPR_ORDER = {
        CpuState.RAX, CpuState.RBX, CpuState.RCX, CpuState.RDX, CpuState.RSI, CpuState.RDI, CpuState.RBP,
        CpuState.RSP, CpuState.R8, CpuState.R9, CpuState.R10, CpuState.R11, CpuState.R12, CpuState.R13,
        CpuState.R14, CpuState.R15,
    };
    static final int RIP = 16, EFLAGS = 17, CS = 18, ST0 = 24, FCTRL = 32, XMM0 = 40, MXCSR = 56, ORIG_RAX = 57;
    static final int FS_BASE = 58, GS_BASE = 59, COUNT = 60;
    /** The selectors Linux gives a 64-bit user process: cs, ss, ds, es, fs, gs. */
    private static final int[] SELECTORS = {0x33, 0x2b, 0, 0, 0, 0};
    private static final String[] SEGMENT_NAMES = {"cs", "ss", "ds", "es", "fs", "gs"};
    private static final String[] X87_CONTROL_NAMES = {"fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff",
        "fop"};
    private static final String[] GPR_NAMES = {"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9",
        "r10", "r11", "r12", "r13", "r14", "r15"};

    private Registers() {
    }

    static int size(int regno) {
        if (regno < RIP || regno == RIP || regno == ORIG_RAX || regno == FS_BASE || regno == GS_BASE) return 8;
        if (regno >= ST0 && regno < FCTRL) return 10;
        if (regno >= XMM0 && regno < MXCSR) return 16;
        return 4;
    }

    /** Register regno of cpu as gdb wants its bytes. */
    static byte[] read(CpuState cpu, int regno) {
        byte[] b = new byte[size(regno)];
        if (regno < RIP) {
            putLong(b, 0, cpu.gpr[GPR_ORDER[regno]]);
        } else if (regno == RIP) {
            putLong(b, 0, cpu.rip);
        } else if (regno == EFLAGS) {
            putLong4(b, cpu.rflags());
        } else if (regno < ST0) {
            putLong4(b, SELECTORS[regno - CS]);
        } else if (regno < FCTRL) {
            int r = (cpu.fpuTop + regno - ST0) & 7;
            putLong(b, 0, cpu.fpuMantissa[r]);
            b[8] = (byte) cpu.fpuSignExponent[r];
            b[9] = (byte) (cpu.fpuSignExponent[r] >> 8);
        } else if (regno < XMM0) {
            putLong4(b, x87Control(cpu, regno - FCTRL));
        } else if (regno < MXCSR) {
            int n = regno - XMM0;
            putLong(b, 0, cpu.xmm[2 * n]);
            putLong(b, 8, cpu.xmm[2 * n + 1]);
        } else if (regno == MXCSR) {
            putLong4(b, cpu.mxcsr);
        } else if (regno == ORIG_RAX) {
            putLong(b, 0, -1);
        } else if (regno == FS_BASE) {
            putLong(b, 0, cpu.fsBase);
        } else {
            putLong(b, 0, cpu.gsBase);
        }
        return b;
    }

    private static long x87Control(CpuState cpu, int which) {
        return switch (which) {
            case 0 -> cpu.fpuControl;
            case 1 -> (cpu.fpuStatus & ~0x3800) | (cpu.fpuTop << 11);
            case 2 -> tagWord(cpu);
            default -> 0; // the last-instruction pointers and opcode are not tracked
        };
    }

    /** The full x87 tag word: 11 (empty) or 00 (valid) per physical register. */
    private static long tagWord(CpuState cpu) {
        long tags = 0;
        for (int r = 0; r < 8; r++) {
            if ((cpu.fpuEmpty & (1 << r)) != 0) tags |= 3L << (2 * r);
        }
        return tags;
    }

    /** Sets register regno from gdb's bytes; registers with no state here (selectors, orig_rax) ignore writes. */
    static void write(CpuState cpu, int regno, byte[] b) {
        long v = getLong(b, 0);
        if (regno < RIP) {
            cpu.gpr[GPR_ORDER[regno]] = v;
        } else if (regno == RIP) {
            cpu.rip = v;
        } else if (regno == EFLAGS) {
            cpu.setRflags(v & 0xFFFFFFFFL);
        } else if (regno >= ST0 && regno < FCTRL) {
            int r = (cpu.fpuTop + regno - ST0) & 7;
            cpu.fpuMantissa[r] = v;
            cpu.fpuSignExponent[r] = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        } else if (regno == FCTRL) {
            cpu.fpuControl = (int) v & 0xFFFF;
        } else if (regno == FCTRL + 1) {
            cpu.fpuTop = (int) (v >> 11) & 7;
            cpu.fpuStatus = (int) v & 0xFFFF & ~0x3800;
        } else if (regno == FCTRL + 2) {
            int empty = 0;
            for (int r = 0; r < 8; r++) {
                if (((v >> (2 * r)) & 3) == 3) empty |= 1 << r;
            }
            cpu.fpuEmpty = empty;
        } else if (regno >= XMM0 && regno < MXCSR) {
            int n = regno - XMM0;
            cpu.xmm[2 * n] = v;
            cpu.xmm[2 * n + 1] = getLong(b, 8);
        } else if (regno == MXCSR) {
            cpu.mxcsr = (int) v;
        } else if (regno == FS_BASE) {
            cpu.fsBase = v;
        } else if (regno == GS_BASE) {
            cpu.gsBase = v;
        }
    }

    /** All registers in order, the body of a 'g' reply. */
    static byte[] readAll(CpuState cpu) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int r = 0; r < COUNT; r++) {
            out.writeBytes(read(cpu, r));
        }
        return out.toByteArray();
    }

    /** Loads registers from a 'G' body; a short body sets only the registers it covers in full. */
    static void writeAll(CpuState cpu, byte[] all) {
        int at = 0;
        for (int r = 0; r < COUNT && at + size(r) <= all.length; r++) {
            byte[] b = new byte[size(r)];
            System.arraycopy(all, at, b, 0, b.length);
            write(cpu, r, b);
            at += b.length;
        }
    }

    private static void putLong4(byte[] b, long v) {
        for (int i = 0; i < 4; i++) b[i] = (byte) (v >>> (8 * i));
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) b[at + i] = (byte) (v >>> (8 * i));
    }

    private static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8 && at + i < b.length; i++) v |= (b[at + i] & 0xFFL) << (8 * i);
        return v;
    }

    /** The target description gdb reads with qXfer:features:read:target.xml. */
    static final String TARGET_XML = targetXml();

    private static String targetXml() {
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n");
        x.append("<architecture>i386:x86-64</architecture>\n<osabi>GNU/Linux</osabi>\n");
        x.append("<feature name=\"org.gnu.gdb.i386.core\">\n");
        x.append("<flags id=\"i386_eflags\" size=\"4\">");
        String[] flags = {"CF", "", "PF", "", "AF", "", "ZF", "SF", "TF", "IF", "DF", "OF", "", "", "NT", "", "RF", "VM",
            "AC", "VIF", "VIP", "ID"};
        for (int bit = 0; bit < flags.length; bit++) {
            if (!flags[bit].isEmpty()) {
                x.append("<field name=\"").append(flags[bit]).append("\" start=\"").append(bit).append("\" end=\"")
                        .append(bit).append("\"/>");
            }
        }
        x.append("</flags>\n");
        for (int r = 0; r < RIP; r++) {
            String type = r == 6 || r == 7 ? "data_ptr" : "int64";
            reg(x, GPR_NAMES[r], 64, type, r);
        }
        reg(x, "rip", 64, "code_ptr", RIP);
        reg(x, "eflags", 32, "i386_eflags", EFLAGS);
        for (int s = 0; s < 6; s++) reg(x, SEGMENT_NAMES[s], 32, "int32", CS + s);
        for (int s = 0; s < 8; s++) reg(x, "st" + s, 80, "i387_ext", ST0 + s);
        for (int c = 0; c < 8; c++) {
            x.append("<reg name=\"").append(X87_CONTROL_NAMES[c]).append("\" bitsize=\"32\" type=\"int\" group=\"float\""
                    + " regnum=\"").append(FCTRL + c).append("\"/>\n");
        }
        x.append("</feature>\n<feature name=\"org.gnu.gdb.i386.sse\">\n");
        x.append("<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>\n");
        x.append("<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>\n");
        x.append("<vector id=\"v2i64\" type=\"int64\" count=\"2\"/>\n");
        x.append("<vector id=\"v4i32\" type=\"int32\" count=\"4\"/>\n");
        x.append("<vector id=\"v8i16\" type=\"int16\" count=\"8\"/>\n");
        x.append("<vector id=\"v16i8\" type=\"int8\" count=\"16\"/>\n");
        x.append("<union id=\"vec128\"><field name=\"v2_double\" type=\"v2d\"/><field name=\"v4_float\" type=\"v4f\"/>"
                + "<field name=\"v2_int64\" type=\"v2i64\"/><field name=\"v4_int32\" type=\"v4i32\"/>"
                + "<field name=\"v8_int16\" type=\"v8i16\"/><field name=\"v16_int8\" type=\"v16i8\"/>"
                + "<field name=\"uint128\" type=\"uint128\"/></union>\n");
        for (int n = 0; n < 16; n++) reg(x, "xmm" + n, 128, "vec128", XMM0 + n);
        x.append("<reg name=\"mxcsr\" bitsize=\"32\" type=\"int\" group=\"vector\" regnum=\"").append(MXCSR)
                .append("\"/>\n</feature>\n");
        x.append("<feature name=\"org.gnu.gdb.i386.linux\">\n");
        reg(x, "orig_rax", 64, "int", ORIG_RAX);
        x.append("</feature>\n<feature name=\"org.gnu.gdb.i386.segments\">\n");
        reg(x, "fs_base", 64, "int", FS_BASE);
        reg(x, "gs_base", 64, "int", GS_BASE);
        x.append("</feature>\n</target>\n");
        return x.toString();
    }

    private static void reg(StringBuilder x, String name, int bits, String type, int regnum) {
        x.append("<reg name=\"").append(name).append("\" bitsize=\"").append(bits).append("\" type=\"").append(type)
                .append("\" regnum=\"").append(regnum).append("\"/>\n");
    }
}
