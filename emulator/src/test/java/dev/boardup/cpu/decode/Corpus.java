package dev.boardup.cpu.decode;

import java.util.ArrayList;
import java.util.List;

/** A corpus of instruction forms (AT&T syntax) that compilers and hand-written assembly use. */
final class Corpus {
    private Corpus() {
    }

    static final String[] ADDRESSES = {"(%rax)", "(%rsp)", "(%rbp)", "(%r12)", "(%r13)", "0x10(%rax,%rbx,4)",
        "-0x80(%rsp,%r9,8)", "0x12345(,%rcx,8)", "0x7fff0000", "%fs:0x28", "%gs:(%rax)", "0x100(%rip)",
        "(%eax)", "0x8(%r15d,%eax,2)", "-1(%rdi)", "0x7f(%rsi)", "-0x81(%r8)"};

    static List<String> instructions() {
        List<String> l = new ArrayList<>();
        for (String op : new String[] {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp", "mov", "test"}) {
            l.add(op + " %rax,%rbx");
            l.add(op + " %ecx,%r10d");
            l.add(op + " %dx,%si");
            l.add(op + " %ah,%bl");
            l.add(op + " %sil,%r9b");
            l.add(op + " $0x7f,%al");
            l.add(op + " $0x1234,%eax");
            l.add(op + " $-2,%r11");
            l.add(op + "w $0x1234,%cx");
            for (String m : ADDRESSES) {
                l.add(op + " " + m + ",%rdx");
                l.add(op + " %r8d," + m);
                l.add(op + "b $0x5," + m);
                l.add(op + "q $0x12345," + m);
            }
        }
        for (String op : new String[] {"inc", "dec", "neg", "not", "mul", "imul", "div", "idiv"}) {
            l.add(op + " %rax");
            l.add(op + " %r13d");
            l.add(op + " %bh");
            l.add(op + "w 0x8(%rbp)");
            l.add(op + "b (%rax,%rbx,1)");
        }
        for (String op : new String[] {"rol", "ror", "rcl", "rcr", "shl", "shr", "sar"}) {
            l.add(op + " %rax");
            l.add(op + " $5,%ecx");
            l.add(op + " %cl,%dx");
            l.add(op + "b $3,(%rdi)");
            l.add(op + "q %cl,0x10(%rsp)");
        }
        String[] more = {"shld $3,%rax,%rbx", "shld %cl,%ax,%bx", "shrd $7,%edx,%eax", "shrd %cl,%r8,(%rsi)",
            "imul %rbx,%rcx", "imul $0x7,%eax,%edx", "imul $0x12345,(%rax),%r9", "imul $-3,%bx,%cx",
            "movzbl %al,%eax", "movzbw %ah,%cx", "movzwl (%rax),%edx", "movzbq %r9b,%r10", "movsbl %bl,%ecx",
            "movswq %ax,%rdx", "movslq %eax,%rax", "movslq (%rdi),%r11", "lea 0x8(%rax,%rbx,2),%rcx",
            "lea (%rip),%rax", "lea 0x0(,%rdx,4),%esi", "lea -0x10(%rbp),%di", "xchg %rax,%rbx", "xchg %eax,%r8d",
            "xchg %cl,(%rsi)", "xchg %r8,%rax", "cmpxchg %rcx,(%rdx)", "lock cmpxchg %ecx,(%rdx)",
            "lock xadd %rax,(%rbx)", "xadd %cl,%dl", "lock addl $0x1,(%rax)", "lock incq 0x8(%rsp)",
            "lock cmpxchg8b (%rdi)", "lock cmpxchg16b (%rdi)", "bswap %eax", "bswap %r12", "bt %rax,%rbx",
            "bts %ecx,(%rdx)", "btr $0x3,%ax", "btc $0x3f,(%rax)", "bsf %rax,%rbx", "bsr (%rcx),%edx",
            "tzcnt %rax,%rbx", "lzcnt %ecx,%edx", "popcnt (%rsi),%rax", "cbtw", "cwtl", "cltq", "cwtd", "cltd",
            "cqto", "push %rax", "push %r15", "pushw %ax", "push $0x7", "push $0x12345", "pushq (%rax)",
            "pop %rbx", "pop %r12", "popq 0x8(%rsp)", "pushf", "popf", "pushfw", "call *%rax", "call *(%rax)",
            "call *0x10(%rip)", "jmp *%r11", "jmp *(%rax,%rbx,8)", "ret", "ret $0x10", "leave", "enter $0x20,$0x0",
            "enter $0x8,$0x2", "sete %al", "setne %r9b", "setg (%rax)", "cmovl %rax,%rbx", "cmovae (%rax),%ecx",
            "cmovne %dx,%ax", "movsb", "movsw", "movsl", "movsq", "rep movsb", "rep movsq", "rep stosb",
            "rep stosl", "stos %rax,%es:(%rdi)", "lods %ds:(%rsi),%al", "repz cmpsb %es:(%rdi),%ds:(%rsi)",
            "repnz scas %es:(%rdi),%al", "scas %es:(%rdi),%rax", "movs %fs:(%rsi),%es:(%rdi)", "nop", "nopw %ax",
            "nopl (%rax)", "nopl 0x0(%rax)", "nopl 0x0(%rax,%rax,1)", "nopw 0x0(%rax,%rax,1)",
            "nopl 0x0(%rax)", ".byte 0x66,0x66,0x2e,0x0f,0x1f,0x84,0,0,0,0,0", "xchg %ax,%ax", "pause", "endbr64", "cpuid",
            "rdtsc", "syscall", "ud2", "int3", "hlt", "cli", "sti", "in $0x60,%al", "out %al,$0x80", "in (%dx),%eax",
            "clc", "stc", "cmc", "cld", "std", "lahf", "sahf", "mfence", "lfence", "sfence", "prefetcht0 (%rax)",
            "prefetchnta 0x40(%rsi)", "ldmxcsr (%rsp)", "stmxcsr 0x4(%rsp)", "clflush (%rdi)",
            "movabs $0x1122334455667788,%rax", "movabs $0x1122334455667788,%r9", "mov $0x12345678,%ecx",
            "mov $0x5,%r8b", "mov $0x1234,%si", "movabs 0x1122334455667788,%al", "movabs %rax,0x1122334455667788",
            "movabs 0x1122334455667788,%eax", "movb $0x1,(%rax)", "movw $0x1,(%rax)", "movl $0x1,(%rax)",
            "movq $-1,(%rax)", "mov %fs:0x0,%rax", "mov %rax,%gs:0x30", "jrcxz .", "jecxz .", "loop .",
            "loope .", "loopne .", "int $0x80",
            "movss %xmm1,%xmm0", "movss (%rax),%xmm8", "movss %xmm15,0x4(%rsp)", "movsd %xmm1,%xmm0",
            "movsd 0x8(%rbp),%xmm2", "movsd %xmm3,(%rdi)", "movaps %xmm1,%xmm2", "movaps (%rax),%xmm3",
            "movaps %xmm4,0x10(%rsp)", "movups (%rsi),%xmm0", "movups %xmm0,(%rdi)", "movapd %xmm1,%xmm9",
            "movupd (%rax),%xmm1", "movdqa (%rax),%xmm1", "movdqa %xmm1,(%rax)", "movdqu (%rsi),%xmm0",
            "movdqu %xmm0,-0x10(%rdi)", "movd %eax,%xmm0", "movd %xmm0,%eax", "movq %rax,%xmm0", "movq %xmm0,%rax",
            "movd (%rax),%xmm1", "movd %xmm1,(%rax)", "movq (%rax),%xmm1", "movq %xmm1,(%rax)", "movq %xmm1,%xmm2",
            "movlps (%rax),%xmm1", "movhps (%rax),%xmm1", "movlpd %xmm1,(%rax)", "movhpd %xmm1,(%rax)",
            "movhlps %xmm1,%xmm2", "movlhps %xmm1,%xmm2", "addss %xmm1,%xmm0", "addsd (%rax),%xmm0",
            "addps %xmm1,%xmm0", "addpd %xmm1,%xmm0", "subss %xmm1,%xmm0", "subsd %xmm1,%xmm0",
            "mulss %xmm1,%xmm0", "mulsd 0x8(%rsp),%xmm10", "divss %xmm1,%xmm0", "divsd %xmm1,%xmm0",
            "sqrtss %xmm1,%xmm0", "sqrtsd %xmm1,%xmm0", "minsd %xmm1,%xmm0", "maxsd %xmm1,%xmm0",
            "minss %xmm1,%xmm0", "maxps %xmm1,%xmm0", "cvtsi2ss %eax,%xmm0", "cvtsi2sd %rax,%xmm0",
            "cvtsi2sdl (%rax),%xmm0", "cvtsi2ssq (%rax),%xmm1", "cvttss2si %xmm0,%eax", "cvttsd2si %xmm0,%rax",
            "cvttsd2si (%rax),%ecx", "cvtsd2si %xmm1,%rdx", "cvtss2si %xmm1,%edx", "cvtss2sd %xmm1,%xmm0",
            "cvtsd2ss (%rax),%xmm0", "cvtps2pd %xmm1,%xmm0", "cvtpd2ps %xmm1,%xmm0", "cvtdq2ps %xmm1,%xmm0",
            "cvtdq2pd %xmm1,%xmm0", "cvttps2dq %xmm1,%xmm0", "cvttpd2dq %xmm1,%xmm0", "ucomiss %xmm1,%xmm0",
            "ucomisd (%rax),%xmm0", "comiss %xmm1,%xmm0", "comisd %xmm1,%xmm0", "andps %xmm1,%xmm0",
            "andpd %xmm1,%xmm0", "andnps %xmm1,%xmm0", "andnpd %xmm1,%xmm0", "orps %xmm1,%xmm0",
            "orpd %xmm1,%xmm0", "xorps %xmm1,%xmm0", "xorpd %xmm1,%xmm0", "pxor %xmm1,%xmm0", "por %xmm1,%xmm0",
            "pand %xmm1,%xmm0", "pandn %xmm1,%xmm0", "paddb %xmm1,%xmm0", "paddw %xmm1,%xmm0",
            "paddd %xmm1,%xmm0", "paddq (%rax),%xmm0", "psubb %xmm1,%xmm0", "psubw %xmm1,%xmm0",
            "psubd %xmm1,%xmm0", "psubq %xmm1,%xmm0", "pcmpeqb %xmm1,%xmm0", "pcmpeqw %xmm1,%xmm0",
            "pcmpeqd %xmm1,%xmm0", "pcmpgtb %xmm1,%xmm0", "pmovmskb %xmm1,%eax", "movmskps %xmm1,%eax",
            "movmskpd %xmm1,%ecx", "punpcklbw %xmm1,%xmm0", "punpcklwd %xmm1,%xmm0", "punpckldq %xmm1,%xmm0",
            "punpcklqdq %xmm1,%xmm0", "punpckhbw %xmm1,%xmm0", "punpckhqdq %xmm1,%xmm0",
            "pshufd $0x1b,%xmm1,%xmm0", "pshuflw $0x1b,%xmm1,%xmm0", "pshufhw $0x1b,(%rax),%xmm0",
            "unpcklps %xmm1,%xmm0", "unpcklpd %xmm1,%xmm0", "unpckhps %xmm1,%xmm0", "shufps $0x44,%xmm1,%xmm0",
            "shufpd $0x1,%xmm1,%xmm0", "psllq $0x3,%xmm0", "psrlq $0x3,%xmm0", "psrad $0x3,%xmm0",
            "pslldq $0x3,%xmm0", "psrldq $0x3,%xmm0", "psllw %xmm1,%xmm0", "psrld (%rax),%xmm0",
            "pminub %xmm1,%xmm0", "pmaxub %xmm1,%xmm0"};
        l.addAll(List.of(more));
        l.addAll(List.of(
            "fldl (%rax)",
            "flds 4(%rax)",
            "fldt (%rax)",
            "fildl (%rax)",
            "fildll (%rax)",
            "filds (%rax)",
            "fstpl (%rax)",
            "fstl (%rax)",
            "fsts (%rax)",
            "fstps (%rax)",
            "fstpt (%rax)",
            "fistpl (%rax)",
            "fistpll (%rax)",
            "fistps (%rax)",
            "fistl (%rax)",
            "fists (%rax)",
            "fldcw (%rax)",
            "fnstcw (%rax)",
            "fnstsw (%rax)",
            "fnstsw %ax",
            "faddl (%rax)",
            "fadds (%rax)",
            "fmull (%rax)",
            "fsubl (%rax)",
            "fsubrl (%rax)",
            "fdivl (%rax)",
            "fdivrl (%rax)",
            "fcoml (%rax)",
            "fcompl (%rax)",
            "fiaddl (%rax)",
            "fimuls (%rax)",
            "fisubl (%rax)",
            "fidivrl (%rax)",
            "fadd %st(1),%st",
            "fadd %st,%st(1)",
            "faddp %st,%st(1)",
            "faddp",
            "fsub %st(1),%st",
            "fsub %st,%st(1)",
            "fsubp %st,%st(1)",
            "fsubr %st(1),%st",
            "fsubr %st,%st(1)",
            "fsubrp %st,%st(1)",
            "fmul %st(2),%st",
            "fmulp %st,%st(2)",
            "fdiv %st(1),%st",
            "fdiv %st,%st(1)",
            "fdivp %st,%st(1)",
            "fdivr %st(1),%st",
            "fdivrp %st,%st(1)",
            "fld %st(1)",
            "fst %st(2)",
            "fstp %st(1)",
            "fxch %st(1)",
            "fchs",
            "fabs",
            "fld1",
            "fldz",
            "fsqrt",
            "frndint",
            "fucomip %st(1),%st",
            "fcomip %st(1),%st",
            "fucomi %st(1),%st",
            "fcomi %st(1),%st",
            "fucom %st(1)",
            "fucomp %st(1)",
            "fucompp",
            "fcom %st(1)",
            "fcomp %st(1)",
            "fcompp",
            "fcmovb %st(1),%st",
            "fcmove %st(1),%st",
            "fcmovbe %st(1),%st",
            "fcmovu %st(1),%st",
            "fcmovnb %st(1),%st",
            "fcmovne %st(1),%st",
            "fcmovnbe %st(1),%st",
            "fcmovnu %st(1),%st",
            "ffree %st(3)",
            "fnop",
            "fninit",
            "fnclex",
            "ftst",
            "fxam",
            "xlat %ds:(%rbx)",
            "fwait"));
        for (String cc : new String[] {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l",
            "ge", "le", "g"}) {
            l.add("j" + cc + " .+0x10");
            l.add("j" + cc + " .+0x1000");
            l.add("set" + cc + " %cl");
            l.add("cmov" + cc + " %rax,%rbx");
        }
        l.add("jmp .+0x10");
        l.add("jmp .+0x1000");
        l.add("call .+0x1000");
        return l;
    }
}
