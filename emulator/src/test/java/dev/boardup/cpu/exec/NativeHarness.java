package dev.boardup.cpu.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.Engine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Differential testing against the host CPU. Builds one static program (GNU as + ld) holding many cases;
 * each case loads registers, flags, XMM0-3 and a 32-byte scratch area from a table, runs a snippet, and
 * stores everything back into an output table, which the program finally writes to stdout. The very same
 * ELF then runs on our {@link Interpreter}; the two output tables must be identical.
 */
public class NativeHarness {
    /** Per case: 15 GPRs (no RSP), RFLAGS, XMM0-3 (8 quadwords), scratch (4 quadwords). */
    static final int QWORDS = 28;
    static final int FLAGS_SLOT = 15, XMM_SLOT = 16, SCRATCH_SLOT = 24;
    static final int[] GPRS = {0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    static final String[] NAMES = {"rax", "rcx", "rdx", "rbx", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11",
        "r12", "r13", "r14", "r15"};
    /** Arithmetic flags and DF: what we compare (IF/TF/AC and reserved bits are not ours to model here). */
    static final long FLAG_MASK = 0xCD5;

    private final List<String> snippets = new ArrayList<>();
    private final List<long[]> inputs = new ArrayList<>();
    private final Random random;

    NativeHarness(long seed) {
        random = new Random(seed);
    }

    /** Adds {@code times} cases of {@code snippet} (AT&T, may use label "scratch") with random inputs. */
    void add(String snippet, int times) {
        for (int i = 0; i < times; i++) {
            long[] in = new long[QWORDS];
            for (int k = 0; k < QWORDS; k++) {
                in[k] = interesting();
            }
            in[FLAGS_SLOT] = 0x202 | (random.nextLong() & 0x8D5);
            for (int k = XMM_SLOT; k < SCRATCH_SLOT; k++) {
                in[k] = random.nextInt(3) == 0 ? interestingDouble() : interesting();
            }
            snippets.add(snippet);
            inputs.add(in);
        }
    }

    private long interesting() {
        return switch (random.nextInt(10)) {
            case 0 -> random.nextInt(17);
            case 1 -> -random.nextInt(3);
            case 2 -> 1L << random.nextInt(64);
            case 3 -> Long.MAX_VALUE - random.nextInt(2);
            case 4 -> random.nextInt();
            case 5 -> random.nextInt() & 0xFFFFFFFFL;
            case 6 -> random.nextInt(256) * 0x0101010101010101L;
            default -> random.nextLong();
        };
    }

    private long interestingDouble() {
        double[] specials = {0.0, -0.0, 1.0, -1.5, 3.25, 1e300, -1e-300, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN, 2147483647.5, -2147483648.9, 9.3e18, 4.5, 2.5};
        if (random.nextBoolean()) {
            return Double.doubleToRawLongBits(specials[random.nextInt(specials.length)]);
        }
        float[] fs = {0f, -0f, 1f, -2.5f, 1e30f, Float.NaN, Float.POSITIVE_INFINITY, 16777217f, 0.1f, 3.5f};
        long lo = Float.floatToRawIntBits(fs[random.nextInt(fs.length)]) & 0xFFFFFFFFL;
        long hi = Float.floatToRawIntBits(fs[random.nextInt(fs.length)]) & 0xFFFFFFFFL;
        return random.nextBoolean() ? Double.doubleToRawLongBits(random.nextGaussian() * 1000) : lo | hi << 32;
    }

    private String program() {
        StringBuilder s = new StringBuilder(".globl _start\n.text\n_start:\n");
        for (int i = 0; i < snippets.size(); i++) {
            String in = "in+" + (i * QWORDS * 8);
            String out = "out+" + (i * QWORDS * 8);
            for (int k = 0; k < 4; k++) {
                s.append("mov ").append(in).append('+').append((SCRATCH_SLOT + k) * 8).append("(%rip),%rax\n");
                s.append("mov %rax,scratch+").append(k * 8).append("(%rip)\n");
            }
            for (int k = 0; k < 4; k++) {
                s.append("movdqu ").append(in).append('+').append((XMM_SLOT + 2 * k) * 8).append("(%rip),%xmm")
                        .append(k).append('\n');
            }
            for (int k = 0; k < GPRS.length; k++) {
                s.append("mov ").append(in).append('+').append(k * 8).append("(%rip),%").append(NAMES[k]).append('\n');
            }
            s.append("pushq ").append(in).append('+').append(FLAGS_SLOT * 8).append("(%rip)\npopfq\n");
            s.append(snippets.get(i)).append('\n');
            s.append("pushfq\npopq ").append(out).append('+').append(FLAGS_SLOT * 8).append("(%rip)\ncld\n");
            for (int k = 0; k < GPRS.length; k++) {
                s.append("mov %").append(NAMES[k]).append(',').append(out).append('+').append(k * 8).append("(%rip)\n");
            }
            for (int k = 0; k < 4; k++) {
                s.append("movdqu %xmm").append(k).append(',').append(out).append('+').append((XMM_SLOT + 2 * k) * 8)
                        .append("(%rip)\n");
            }
            for (int k = 0; k < 4; k++) {
                s.append("mov scratch+").append(k * 8).append("(%rip),%rax\n");
                s.append("mov %rax,").append(out).append('+').append((SCRATCH_SLOT + k) * 8).append("(%rip)\n");
            }
        }
        int bytes = snippets.size() * QWORDS * 8;
        s.append("mov $1,%eax\nmov $1,%edi\nlea out(%rip),%rsi\nmov $").append(bytes).append(",%edx\nsyscall\n");
        s.append("mov $60,%eax\nxor %edi,%edi\nsyscall\n");
        s.append(".data\n.balign 16\nscratch: .zero 64\nin:\n");
        for (long[] in : inputs) {
            s.append(".quad");
            for (int k = 0; k < QWORDS; k++) {
                s.append(k == 0 ? " " : ",").append(in[k]);
            }
            s.append('\n');
        }
        s.append(".bss\n.balign 16\nout: .zero ").append(bytes).append('\n');
        return s.toString();
    }

    /** Builds, runs natively and on the interpreter, and asserts equal results case by case. */
    void check(Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("h.s"), program());
        GnuAs.run(dir, List.of("as", "--64", "-o", "h.o", "h.s"));
        GnuAs.run(dir, List.of("ld", "-static", "-nostdlib", "-o", "h", "h.o"));
        Process p = new ProcessBuilder(dir.resolve("h").toString()).directory(dir.toFile()).start();
        byte[] nativeOut = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), "native harness exit status");
        long[] expected = toLongs(nativeOut);
        long[] actual = runOnInterpreter(Files.readAllBytes(dir.resolve("h")));
        for (int i = 0; i < snippets.size(); i++) {
            for (int k = 0; k < QWORDS; k++) {
                long e = expected[i * QWORDS + k];
                long a = actual[i * QWORDS + k];
                if (k == FLAGS_SLOT) {
                    e &= FLAG_MASK;
                    a &= FLAG_MASK;
                }
                if (e != a) {
                    throw new AssertionError(String.format("case %d [%s] slot %s: native %016x, ours %016x%ninputs: %s",
                            i, snippets.get(i).replace('\n', ';'), slotName(k), e, a, describe(inputs.get(i))));
                }
            }
        }
    }

    private static String slotName(int k) {
        if (k < FLAGS_SLOT) {
            return NAMES[k];
        }
        if (k == FLAGS_SLOT) {
            return "rflags";
        }
        if (k < SCRATCH_SLOT) {
            return "xmm" + (k - XMM_SLOT) / 2 + ((k - XMM_SLOT) % 2 == 0 ? ".lo" : ".hi");
        }
        return "scratch+" + (k - SCRATCH_SLOT) * 8;
    }

    private static String describe(long[] in) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < QWORDS; k++) {
            sb.append(slotName(k)).append('=').append(Long.toHexString(in[k])).append(' ');
        }
        return sb.toString();
    }

    private static long[] toLongs(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long[] r = new long[b.length / 8];
        for (int i = 0; i < r.length; i++) {
            r[i] = buf.getLong();
        }
        return r;
    }

    /** Loads the static ELF's PT_LOAD segments into flat memory and runs it up to its write(2). */
    private long[] runOnInterpreter(byte[] elf) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long entry = b.getLong(0x18);
        long phoff = b.getLong(0x20);
        int phentsize = b.getShort(0x36) & 0xFFFF;
        int phnum = b.getShort(0x38) & 0xFFFF;
        FlatMemory mem = new FlatMemory(0x400000, 64 << 20);
        for (int i = 0; i < phnum; i++) {
            int ph = (int) phoff + i * phentsize;
            if (b.getInt(ph) != 1) {
                continue;
            }
            long offset = b.getLong(ph + 8);
            long vaddr = b.getLong(ph + 16);
            long filesz = b.getLong(ph + 32);
            byte[] seg = new byte[(int) filesz];
            System.arraycopy(elf, (int) offset, seg, 0, (int) filesz);
            mem.load(vaddr, seg);
        }
        CpuState cpu = new CpuState();
        cpu.rip = entry;
        cpu.gpr[CpuState.RSP] = mem.base + mem.bytes.length - 4096;
        Engine.Stop stop = new Interpreter().run(cpu, mem, Long.MAX_VALUE);
        assertEquals(Engine.Stop.SYSCALL, stop);
        assertEquals(1, cpu.gpr[CpuState.RAX], "first syscall must be write");
        long[] out = new long[(int) (cpu.gpr[CpuState.RDX] / 8)];
        for (int i = 0; i < out.length; i++) {
            out[i] = mem.read64(cpu.gpr[CpuState.RSI] + 8L * i);
        }
        return out;
    }
}
