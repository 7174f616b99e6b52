package dev.boardup.cpu.exec;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instruction semantics compared against the host CPU (an AMD EPYC here) on random inputs. */
class NativeDiffTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needTools() {
        assumeTrue(GnuAs.available(), "GNU as/ld are not installed");
        assumeTrue(System.getProperty("os.arch").contains("64") && System.getProperty("os.name").contains("Linux"),
                "native comparison needs x86-64 Linux");
    }

    private static final int N = 24;

    @Test
    void aluAndFlags() throws Exception {
        NativeHarness h = new NativeHarness(1);
        for (String op : new String[] {"add", "adc", "sub", "sbb", "and", "or", "xor", "cmp", "test"}) {
            h.add(op + " %rbx,%rax", N);
            h.add(op + " %ebx,%eax", N);
            h.add(op + " %bx,%ax", N);
            h.add(op + " %bl,%ah", N);
            h.add(op + " %r9b,%sil", N);
            h.add(op + " $0x7f,%ecx", N);
            h.add(op + " $-3,%rdx", N);
            h.add(op + " $0x12345678,%r8", N);
            h.add(op + " scratch(%rip),%edi", N);
            h.add(op + " %esi,scratch+4(%rip)", N);
            h.add(op + "b $0x81,scratch+3(%rip)", N);
        }
        for (String op : new String[] {"inc", "dec", "neg", "not"}) {
            h.add(op + " %rax", N);
            h.add(op + " %ecx", N);
            h.add(op + " %dx", N);
            h.add(op + " %bh", N);
            h.add(op + "l scratch+8(%rip)", N);
        }
        h.check(dir);
    }

    @Test
    void shiftsAndRotates() throws Exception {
        NativeHarness h = new NativeHarness(2);
        for (String op : new String[] {"shl", "shr", "sar", "rol", "ror", "rcl", "rcr"}) {
            for (String reg : new String[] {"%rax", "%edx", "%si", "%bl", "%ah"}) {
                h.add(op + " " + reg, N);
                h.add(op + " %cl," + reg, 3 * N);
                h.add(op + " $3," + reg, N);
                h.add(op + " $9," + reg, N);
                h.add(op + " $31," + reg, N);
            }
            h.add(op + "q $7,scratch(%rip)", N);
            h.add(op + "w %cl,scratch+2(%rip)", N);
        }
        for (String op : new String[] {"shld", "shrd"}) {
            h.add(op + " %cl,%rbx,%rax", 3 * N);
            h.add(op + " %cl,%ebx,%eax", 3 * N);
            h.add(op + " $5,%ebx,%eax", N);
            h.add(op + " $13,%bx,%ax", N);
            h.add(op + " $1,%rbx,%rax", N);
        }
        h.check(dir);
    }

    @Test
    void multiplyDivide() throws Exception {
        NativeHarness h = new NativeHarness(3);
        for (String s : new String[] {"mul %rbx", "mul %ebx", "mul %bx", "mul %bl", "imul %rbx", "imul %ebx",
            "imul %bx", "imul %bl", "imul %rbx,%rcx", "imul %ebx,%ecx", "imul %bx,%cx", "imul $77,%rbx,%rcx",
            "imul $-3,%ebx,%ecx", "imul $1000,%bx,%cx", "mulq scratch(%rip)", "imul scratch(%rip),%esi"}) {
            h.add(s, N);
        }
        h.add("xor %edx,%edx\nor $1,%rbx\ndiv %rbx", N);
        h.add("mov %rbx,%rdx\nshr $1,%rdx\nor $1,%rdx\nmov %rdx,%rbx\nshr $2,%rdx\ndiv %rbx", N);
        h.add("xor %edx,%edx\nor $1,%ebx\ndiv %ebx", N);
        h.add("movzbl %al,%eax\nor $0x80,%bl\ndiv %bl", N);
        h.add("cqo\nor $3,%rbx\nidiv %rbx", N);
        h.add("cdq\nor $3,%ebx\nidiv %ebx", N);
        h.add("cwd\nor $3,%bx\nidiv %bx", N);
        h.add("cbw\nor $0x43,%bl\nidiv %bl", N);
        h.add("mov %rax,%rdx\nsar $63,%rdx\nsar $1,%rdx\nor $3,%rbx\nidiv %rbx", N);
        h.add("cbw\ncwde\ncdqe\ncwd\ncdq\ncqo", N);
        h.check(dir);
    }

    @Test
    void bitsMovesAndConditions() throws Exception {
        NativeHarness h = new NativeHarness(4);
        for (String s : new String[] {"bt %rbx,%rax", "bts %ebx,%eax", "btr %bx,%ax", "btc $37,%rax",
            "bts $3,%ecx", "and $255,%ebx\nbt %rbx,scratch(%rip)", "and $127,%ebx\nbtc %ebx,scratch(%rip)",
            "and $31,%ebx\nsub $16,%rbx\nbts %rbx,scratch+16(%rip)", "bsf %rbx,%rax", "bsr %ebx,%eax",
            "bsf %bx,%ax", "tzcnt %rbx,%rax", "lzcnt %ebx,%eax", "popcnt %rbx,%rax", "popcnt %bx,%ax",
            "bswap %rax", "bswap %ebx", "movzbl %bh,%ecx", "movsbq %bl,%rcx", "movswl %bx,%ecx",
            "movzwq scratch(%rip),%rcx", "movslq %ebx,%rcx", "movsbw %al,%cx", "lea 3(%rax,%rbx,8),%ecx",
            "lea -7(%rbx),%cx", "xchg %rax,%rbx", "xchg %ecx,%edx", "xchg %al,%bh", "xchg %rsi,scratch(%rip)",
            "cmpxchg %rcx,%rdx", "cmpxchg %ecx,%edx", "mov %edx,%eax\ncmpxchg %ecx,%edx", "cmpxchg %cl,%dl",
            "lock cmpxchg %rcx,scratch(%rip)", "mov scratch(%rip),%rax\nlock cmpxchg %rcx,scratch(%rip)",
            "xadd %rax,%rbx", "lock xaddl %ecx,scratch+8(%rip)", "xadd %al,%al", "setz %al", "setl %bh",
            "setbe scratch(%rip)", "cmova %rbx,%rcx", "cmovl %ebx,%ecx", "cmovp %bx,%cx",
            "cmovge scratch(%rip),%esi", "lahf", "sahf", "lea scratch(%rip),%rbx\nxlat", "lea scratch(%rip),%rbx\nand $15,%eax\nxlatb", "clc\ncmc", "stc\nsbb %eax,%eax",
            "mov %rbx,%rax\nmov %ecx,%eax\nmovabs $0x1122334455667788,%rdx\nmov %dx,%bx\nmov $-1,%cl",
            "push %rax\npush %rbx\npop %rcx\npop %rdx", "pushf\npop %rax", "and $0xcd5,%ebx\npush %rbx\npopf",
            "pushw %bx\npopw %cx", "push $-5\npop %rdx", "cmpxchg8b scratch(%rip)", "lock cmpxchg16b scratch(%rip)",
            "mov scratch(%rip),%rax\nmov scratch+8(%rip),%rdx\ncmpxchg16b scratch(%rip)"}) {
            h.add(s, N);
        }
        for (int c = 0; c < 16; c++) {
            h.add("j" + NativeDiffTest.CONDITIONS[c] + " 1f\nmov $1,%eax\n1:", N);
        }
        h.check(dir);
    }

    /** Runs each snippet under a given MXCSR and stores the resulting MXCSR (flags included) in the scratch area. */
    static final class MxcsrHarness extends NativeHarness {
        private final int mxcsr;

        MxcsrHarness(long seed, int mxcsr) {
            super(seed);
            this.mxcsr = mxcsr;
        }

        @Override
        void add(String snippet, int times) {
            if (snippet.contains("mxcsr")) {
                super.add(snippet, times);
                return;
            }
            super.add("movl $" + mxcsr + ",scratch+60(%rip)\nldmxcsr scratch+60(%rip)\n" + snippet
                    + "\nstmxcsr scratch+28(%rip)\nmovl $0x1f80,scratch+60(%rip)\nldmxcsr scratch+60(%rip)", times);
        }
    }

    @Test
    void x87() throws Exception {
        NativeHarness h = new NativeHarness(8);
        String[] loads = {"fldl scratch(%rip)\nfldl scratch+8(%rip)", "flds scratch(%rip)\nflds scratch+4(%rip)",
            "fildl scratch(%rip)\nfldl scratch+8(%rip)", "fildq scratch(%rip)\nfildll scratch+8(%rip)",
            "fldl scratch(%rip)\nfld1", "fldz\nfldl scratch+8(%rip)", "fldt scratch(%rip)\nfldt scratch+16(%rip)"};
        String[] ops = {"faddp", "fsubp", "fsubrp", "fmulp", "fdivp", "fdivrp", "fadd %st(1),%st", "fsub %st(1),%st",
            "fdivr %st(1),%st", "fmul %st,%st(1)", "fsqrt", "frndint", "fchs", "fabs", "fxch", "fucomip %st(1),%st",
            "fcomip %st(1),%st", "fucomi %st(1),%st", "fucom %st(1)\nfnstsw %ax", "fcom %st(1)\nfnstsw %ax",
            "fcmovb %st(1),%st", "fcmovne %st(1),%st", "fcmovnbe %st(1),%st", "fcmovu %st(1),%st",
            "faddl scratch+16(%rip)", "fsubrs scratch+20(%rip)", "fidivl scratch+16(%rip)", "fimuls scratch+16(%rip)",
            "fdivl scratch+16(%rip)", "ftst\nfnstsw %ax", "fxam\nfnstsw %ax", "fstp %st(0)\nfxam\nfnstsw %ax\nfld1"};
        String[] stores = {"fstpl scratch(%rip)\nfstpl scratch+8(%rip)", "fstps scratch(%rip)\nfstps scratch+4(%rip)",
            "fistpl scratch(%rip)\nfistps scratch+4(%rip)", "fistpll scratch(%rip)\nfstpt scratch+8(%rip)",
            "fstpt scratch(%rip)\nfstpt scratch+16(%rip)"};
        int[] controls = {0x37F, 0x77F, 0xB7F, 0xF7F, 0x27F, 0x07F};
        int n = 0;
        for (String load : loads) {
            for (String op : ops) {
                String store = stores[n % stores.length];
                int control = controls[n % controls.length];
                n++;
                String setup = "fninit\nmovw $" + control + ",scratch+30(%rip)\nfldcw scratch+30(%rip)\n";
                h.add(setup + load + "\n" + op + "\n" + store + "\nfnstsw scratch+24(%rip)\nfninit", 10);
            }
        }
        h.add("fninit\nfnstcw scratch(%rip)\nfldl scratch(%rip)\nfldl scratch(%rip)\nfnstsw scratch+8(%rip)"
                + "\nfstp %st(0)\nfstp %st(0)\nfstp %st(0)\nfnstsw scratch+10(%rip)\nfninit", N);
        h.check(dir);
    }

    static final String[] PREDICATES = {"eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord"};

    static final String[] CONDITIONS = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l",
        "ge", "le", "g"};

    @Test
    void stringInstructions() throws Exception {
        NativeHarness h = new NativeHarness(5);
        String setup = "lea scratch(%rip),%rsi\nlea scratch+16(%rip),%rdi\nand $7,%ecx\n";
        for (String s : new String[] {"rep movsb", "rep stosb", "rep stosw", "movsl", "lodsq", "stosq",
            "and $1,%ecx\nrep movsq", "repe cmpsb", "repne scasb", "repe scasw", "cmpsq", "scasl"}) {
            h.add(setup + s, N);
            h.add(setup + "add $15,%rsi\nadd $15,%rdi\nstd\n" + s + "\ncld", N);
        }
        h.check(dir);
    }

    @Test
    void sseFloat() throws Exception {
        sseFloatWith(0x1F80);
    }

    /** Directed rounding, flush-to-zero and denormals-are-zero change results and flags. */
    @Test
    void sseFloatUnderOtherMxcsrModes() throws Exception {
        for (int mxcsr : new int[] {0x3F80, 0x5F80, 0x7F80, 0x9FC0}) {
            sseFloatWith(mxcsr);
        }
    }

    private void sseFloatWith(int mxcsr) throws Exception {
        NativeHarness h = new MxcsrHarness(6, mxcsr);
        for (String op : new String[] {"add", "sub", "mul", "div", "min", "max", "sqrt"}) {
            h.add(op + "sd %xmm1,%xmm0", N);
            h.add(op + "ss %xmm1,%xmm0", N);
            h.add(op + "pd %xmm1,%xmm0", N);
            h.add(op + "ps %xmm1,%xmm0", N);
            h.add(op + "sd scratch(%rip),%xmm2", N);
        }
        for (int p = 0; p < 8; p++) {
            for (String v : new String[] {"ss", "sd", "ps", "pd"}) {
                h.add("cmp" + NativeDiffTest.PREDICATES[p] + v + " %xmm1,%xmm0", N);
            }
        }
        for (int rc = 0; rc < 4; rc++) {
            String mode = "movl $" + (0x1F80 | rc << 13) + ",scratch+60(%rip)\nldmxcsr scratch+60(%rip)\n";
            String restore = "\nmovl $0x1f80,scratch+60(%rip)\nldmxcsr scratch+60(%rip)";
            for (String s : new String[] {"cvtsd2si %xmm0,%rax", "cvtss2si %xmm1,%ecx", "cvtps2dq %xmm1,%xmm0",
                "cvtsi2sd %rax,%xmm2", "cvtsi2ss %rbx,%xmm3", "cvtsi2ss %ebx,%xmm3", "cvtdq2ps %xmm1,%xmm0"}) {
                h.add(mode + s + restore, N);
            }
        }
        for (String s : new String[] {"ucomisd %xmm1,%xmm0", "ucomiss %xmm1,%xmm0", "comisd %xmm1,%xmm0",
            "comiss scratch(%rip),%xmm3", "cvtsi2sd %rax,%xmm0", "cvtsi2sd %eax,%xmm1", "cvtsi2ss %rbx,%xmm2",
            "cvtsi2ssl scratch(%rip),%xmm2", "cvttsd2si %xmm0,%rax", "cvttsd2si %xmm1,%eax",
            "cvttss2si %xmm2,%rcx", "cvttss2si %xmm3,%ecx", "cvtsd2si %xmm0,%rax", "cvtss2si %xmm1,%edx",
            "cvtss2sd %xmm1,%xmm0", "cvtsd2ss %xmm1,%xmm0", "cvtps2pd %xmm1,%xmm0", "cvtpd2ps %xmm1,%xmm0",
            "cvtdq2ps %xmm1,%xmm0", "cvtdq2pd %xmm1,%xmm0", "cvttps2dq %xmm1,%xmm0", "cvttpd2dq %xmm1,%xmm0",
            "andpd %xmm1,%xmm0", "andnps %xmm1,%xmm0", "orps %xmm1,%xmm0", "xorpd %xmm1,%xmm0",
            "movmskpd %xmm1,%eax", "movmskps %xmm1,%eax", "unpcklps %xmm1,%xmm0", "unpcklpd %xmm1,%xmm0",
            "unpckhps %xmm1,%xmm0", "unpckhpd %xmm1,%xmm0", "shufps $0x1b,%xmm1,%xmm0", "shufpd $2,%xmm1,%xmm0",
            "movss %xmm1,%xmm0", "movsd %xmm1,%xmm0", "movss scratch(%rip),%xmm0", "movsd scratch(%rip),%xmm0",
            "movss %xmm2,scratch+4(%rip)", "movsd %xmm2,scratch+8(%rip)", "movaps %xmm1,%xmm0",
            "movups scratch+1(%rip),%xmm0", "movapd scratch(%rip),%xmm3", "movupd %xmm3,scratch+3(%rip)",
            "movlps scratch(%rip),%xmm0", "movhps scratch(%rip),%xmm0", "movhpd %xmm1,scratch(%rip)",
            "movhlps %xmm1,%xmm0", "movlhps %xmm1,%xmm0", "cvtps2dq %xmm1,%xmm0", "cvtpd2dq %xmm1,%xmm0",
            "sqrtpd %xmm1,%xmm0", "sqrtps %xmm1,%xmm0"}) {
            h.add(s, N);
        }
        h.check(dir);
    }

    @Test
    void sseInteger() throws Exception {
        NativeHarness h = new NativeHarness(7);
        for (String s : new String[] {"movd %eax,%xmm0", "movq %rax,%xmm0", "movd %xmm1,%eax", "movq %xmm1,%rax",
            "movq %xmm1,%xmm0", "movq scratch(%rip),%xmm0", "movq %xmm1,scratch(%rip)", "movd scratch(%rip),%xmm2",
            "movdqa %xmm1,%xmm0", "movdqu scratch+5(%rip),%xmm1", "movdqu %xmm1,scratch+7(%rip)",
            "pxor %xmm1,%xmm0", "por %xmm1,%xmm0", "pand %xmm1,%xmm0", "pandn %xmm1,%xmm0",
            "paddb %xmm1,%xmm0", "paddw %xmm1,%xmm0", "paddd %xmm1,%xmm0", "paddq %xmm1,%xmm0",
            "psubb %xmm1,%xmm0", "psubw %xmm1,%xmm0", "psubd %xmm1,%xmm0", "psubq %xmm1,%xmm0",
            "pcmpeqb %xmm1,%xmm0", "pcmpeqw %xmm1,%xmm0", "pcmpeqd %xmm1,%xmm0", "pcmpgtb %xmm1,%xmm0",
            "pcmpgtd %xmm1,%xmm0", "pmovmskb %xmm1,%eax", "punpcklbw %xmm1,%xmm0", "punpcklwd %xmm1,%xmm0",
            "punpckldq %xmm1,%xmm0", "punpcklqdq %xmm1,%xmm0", "punpckhbw %xmm1,%xmm0", "punpckhqdq %xmm1,%xmm0",
            "pshufd $0x4e,%xmm1,%xmm0", "pshufd $0x1b,scratch(%rip),%xmm0", "pshuflw $0x1b,%xmm1,%xmm0",
            "pshufhw $0xb1,%xmm1,%xmm0", "psllq $3,%xmm0", "psrlq $63,%xmm0", "psrld $5,%xmm0",
            "psrad $31,%xmm0", "psraw $20,%xmm0", "psllw $4,%xmm0", "pslldq $3,%xmm0", "psrldq $9,%xmm0",
            "pslldq $8,%xmm0", "psrlq %xmm1,%xmm0", "pminub %xmm1,%xmm0", "pmaxub %xmm1,%xmm0",
            "pcmpgtw %xmm1,%xmm0", "punpckhwd %xmm1,%xmm0", "punpckhdq %xmm1,%xmm0", "pmuludq %xmm1,%xmm0",
            "pmullw %xmm1,%xmm0", "pmulhw %xmm1,%xmm0", "pmulhuw %xmm1,%xmm0", "pmaddwd %xmm1,%xmm0",
            "paddsb %xmm1,%xmm0", "paddsw %xmm1,%xmm0", "paddusb %xmm1,%xmm0", "paddusw %xmm1,%xmm0",
            "psubsb %xmm1,%xmm0", "psubsw %xmm1,%xmm0", "psubusb %xmm1,%xmm0", "psubusw %xmm1,%xmm0",
            "pavgb %xmm1,%xmm0", "pavgw %xmm1,%xmm0", "pminsw %xmm1,%xmm0", "pmaxsw %xmm1,%xmm0",
            "packsswb %xmm1,%xmm0", "packssdw %xmm1,%xmm0", "packuswb %xmm1,%xmm0", "psadbw %xmm1,%xmm0",
            "pextrw $5,%xmm1,%eax", "pinsrw $3,%ebx,%xmm0", "pinsrw $6,scratch(%rip),%xmm0",
            "movnti %rax,scratch(%rip)", "movntdq %xmm1,scratch(%rip)", "movntps %xmm1,scratch+16(%rip)"}) {
            h.add(s, N);
        }
        h.check(dir);
    }
}
