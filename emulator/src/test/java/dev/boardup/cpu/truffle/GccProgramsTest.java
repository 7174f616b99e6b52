package dev.boardup.cpu.truffle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.cpu.Engine.Stop;
import dev.boardup.cpu.exec.Interpreter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gcc-compiled C programs under the Interpreter and the TruffleEngine in lockstep, compared at every SYSCALL,
 * and kept running until Graal has compiled some of their regions, so that compiled code is what gets compared.
 * Each program loops forever, reporting a result through a syscall per round.
 */
class GccProgramsTest {
    @TempDir
    Path tmp;

    /** _start calls main; report() makes a syscall the toy kernel answers. */
    private static final String RUNTIME = """
            __asm__(".text\\n.globl _start\\n_start:\\n call main\\n mov %rax, %rdi\\n mov $60, %eax\\n syscall\\n hlt\\n");
            static long sys3(long n, long a, long b, long c) {
                long r;
                __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
                return r;
            }
            static void report(long value) { sys3(1, value, 0, 0); }
            """;

    /** Syscall stops still compared once the first compilation is in. */
    private static final int STOPS_AFTER_COMPILATION = 10;
    /** A guard against an endless test only; compilation comes long before. */
    private static final int MAX_STOPS = 200_000;

    private byte[] compile(String program) throws IOException {
        Path c = tmp.resolve("program.c");
        Path o = tmp.resolve("program.o");
        Path bin = tmp.resolve("program.bin");
        Files.writeString(c, RUNTIME + program);
        Assembler.run(List.of("gcc", "-O2", "-ffreestanding", "-fno-pic", "-fno-builtin", "-fno-stack-protector",
                "-fcf-protection=none", "-fno-asynchronous-unwind-tables", "-fno-reorder-functions",
                "-c", c.toString(), "-o", o.toString()));
        Assembler.link(List.of(o.toString()), bin);
        return Files.readAllBytes(bin);
    }

    private void runInLockstepUntilCompiled(String program, long budget) throws IOException {
        byte[] image = compile(program);
        Guest reference = new Guest(new Interpreter(), image);
        TruffleEngine engine = new TruffleEngine();
        Guest truffle = new Guest(engine, image);
        int compiledAt = -1;
        for (int stop = 0; stop < MAX_STOPS; stop++) {
            runToSyscall(reference, budget);
            runToSyscall(truffle, budget);
            Guest.assertSame(reference, truffle, "syscall stop " + stop);
            if (compiledAt < 0 && engine.stats().compilations() > 0) {
                compiledAt = stop;
            }
            if (compiledAt >= 0 && stop - compiledAt >= STOPS_AFTER_COMPILATION) {
                return;
            }
            reference.serviceSyscall();
            truffle.serviceSyscall();
        }
        assertTrue(compiledAt >= 0, "nothing compiled: " + engine.stats());
    }

    private static void runToSyscall(Guest g, long budget) {
        while (g.run(budget) != Stop.SYSCALL) {
            // budget stop: keep going
        }
    }

    @Test
    void sieveOfEratosthenes() throws IOException {
        runInLockstepUntilCompiled("""
static unsigned char composite[300000];
long main(void) {
    for (long round = 1; ; round++) {
        long n = 1000 + (round * 7919) % 40000;
        for (long i = 0; i < n; i++) composite[i] = 0;
        long count = 0;
        for (long i = 2; i < n; i++) {
            if (composite[i]) continue;
            count++;
            for (long j = i * i; j < n; j += i) composite[j] = 1;
        }
        report(count);
    }
}
""", 100_000);
    }

    @Test
    void quicksortThroughFunctionPointers() throws IOException {
        runInLockstepUntilCompiled("""
static long data[20000];
static unsigned long seed = 12345;
static long next(void) { seed = seed * 6364136223846793005UL + 1442695040888963407UL; return (long)(seed >> 33); }
static int cmp_up(const void *a, const void *b) { long x = *(const long *)a, y = *(const long *)b; return x < y ? -1 : x > y; }
static int cmp_down(const void *a, const void *b) { return cmp_up(b, a); }
static void swap(long *a, long *b) { long t = *a; *a = *b; *b = t; }
static void sort(long *v, long n, int (*cmp)(const void *, const void *)) {
    while (n > 1) {
        long pivot = v[n / 2], i = 0, j = n - 1;
        while (i <= j) {
            while (cmp(&v[i], &pivot) < 0) i++;
            while (cmp(&v[j], &pivot) > 0) j--;
            if (i <= j) { swap(&v[i], &v[j]); i++; j--; }
        }
        if (j + 1 < n - i) { sort(v, j + 1, cmp); v += i; n -= i; }
        else { sort(v + i, n - i, cmp); n = j + 1; }
    }
}
long main(void) {
    for (long round = 0; ; round++) {
        long n = 100 + next() % 3000;
        for (long i = 0; i < n; i++) data[i] = next() % 100000 - 50000;
        sort(data, n, (round & 1) ? cmp_down : cmp_up);
        long check = 0;
        for (long i = 0; i < n; i++) check = check * 31 + data[i];
        report(check);
    }
}
""", 1_000_000);
    }

    @Test
    void switchDispatchedStackMachine() throws IOException {
        runInLockstepUntilCompiled("""
/* A tiny stack machine run by a switch: the jump table makes an indirect jump with many targets. */
enum { PUSH, ADD, SUB, MUL, DUP, SWAP, JNZ, DEC, POP, XOR, SHL, HALT, MOD, OVER };
static const unsigned char program[] = {
    PUSH, 0, PUSH, 200, /* acc, counter */
    SWAP, PUSH, 7, MUL, PUSH, 3, ADD, PUSH, 5, XOR, PUSH, 1, SHL, PUSH, 251, MOD, SWAP, /* acc = f(acc) */
    DEC, DUP, JNZ, 4, POP, HALT };
static long run(long start) {
    long stack[64]; long sp = 0; long pc = 0;
    stack[sp++] = start;
    for (;;) {
        unsigned char op = program[pc++];
        switch (op) {
        case PUSH: stack[sp++] = program[pc++]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case MOD: sp--; stack[sp - 1] %= stack[sp]; break;
        case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case SHL: sp--; stack[sp - 1] <<= stack[sp]; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case OVER: stack[sp] = stack[sp - 2]; sp++; break;
        case SWAP: { long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
        case DEC: stack[sp - 1]--; break;
        case POP: sp--; break;
        case JNZ: { long target = program[pc++]; if (stack[--sp]) pc = target; break; }
        case HALT: return stack[sp - 1] + stack[0];
        default: return -1;
        }
    }
}
long main(void) {
    for (long round = 0; ; round++) report(run(round));
}
""", 7_777);
    }

    @Test
    void mandelbrotInDoubles() throws IOException {
        runInLockstepUntilCompiled("""
/* Mandelbrot rows in double precision: SSE2 arithmetic, compares and conversions. */
long main(void) {
    for (long row = 0; ; row++) {
        long inside = 0;
        double y = -1.5 + (row % 300) * 0.01;
        for (int col = 0; col < 300; col++) {
            double x = -2.0 + col * 0.01, zx = 0, zy = 0;
            int k = 0;
            while (k < 100 && zx * zx + zy * zy < 4.0) {
                double t = zx * zx - zy * zy + x;
                zy = 2 * zx * zy + y;
                zx = t;
                k++;
            }
            inside += k + (long)(zx * 1000.0);
        }
        report(inside);
    }
}
""", 250_000);
    }

    @Test
    void repStringsAndCrc32() throws IOException {
        runInLockstepUntilCompiled("""
static unsigned char buf[65536], copy[65536];
static unsigned int table[256];
static void copy_bytes(void *d, const void *s, unsigned long n) { __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory"); }
static void fill(void *d, int c, unsigned long n) { __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory"); }
static unsigned long length(const unsigned char *s) { unsigned long n = 0; while (s[n]) n++; return n; }
long main(void) {
    for (unsigned int i = 0; i < 256; i++) {
        unsigned int c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    for (long round = 1; ; round++) {
        unsigned long n = 1000 + (round * 4099) % 8000;
        fill(buf, 'a' + round % 26, n);
        buf[n] = 0;
        for (unsigned long i = 0; i < n; i += 7) buf[i] = (unsigned char)(i * round);
        buf[n / 2] = 0;
        copy_bytes(copy, buf, n);
        unsigned int crc = 0xFFFFFFFFu;
        for (unsigned long i = 0; i < n; i++) crc = table[(crc ^ copy[i]) & 0xFF] ^ (crc >> 8);
        report((long)(crc ^ 0xFFFFFFFFu) + (long)length(buf));
    }
}
""", 1_000_000);
    }
}
