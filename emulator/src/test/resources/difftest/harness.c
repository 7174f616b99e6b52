/*
 * The native side of the instruction-level differential tests: runs one x86-64 instruction at a time on this
 * machine's own CPU and reports the architectural state it leaves behind.
 *
 * stdin is a stream of fixed-size cases, stdout a stream of fixed-size results (layouts below, all
 * little-endian). For each case the instruction (or short sequence) is copied so that it ends exactly at PAD0 in
 * an RWX code page; every 32 bytes of that page hold a "landing pad" that records its own address as the final
 * RIP and jumps back into the harness. A taken branch therefore lands on a pad too, and RIP says where it went.
 * Pads the code covered are rewritten after the case.
 *
 * Guest registers are loaded from, and saved to, a control block at a fixed address below 2 GiB so that the
 * trampoline can use absolute disp32 addressing and never needs a free register or a valid stack. The guest
 * gets its own FS and GS bases (WRFSBASE/WRGSBASE); the harness's own FS (glibc's TLS, which siglongjmp needs)
 * is put back before any C code runs again, in the trampoline and first thing in the fault handler. Faults
 * (#DE, #UD, #GP, #PF...) arrive as signals on an alternate stack; the handler copies the interrupted state out
 * of the ucontext (RIP still at the faulting instruction, REG_TRAPNO holding the vector) and siglongjmps back.
 *
 * The Java side (dev.boardup.difftest.Layout) mirrors every constant here.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define CODE_PAGE   0x10000000UL
#define PAD0        (CODE_PAGE + 0x800)
#define PAD_SPACING 0x20
#define MEM_PAGE    0x10100000UL
#define MEM_SIZE    512
#define MEM         (MEM_PAGE + 0x1000 - MEM_SIZE)
#define CTL         0x10200000UL

/* Control block offsets; the trampoline below hard-codes the same numbers. */
#define IN_GPR      0x000
#define IN_RFLAGS   0x080
#define IN_MXCSR    0x088
#define IN_XMM      0x090
#define ENTRY       0x190
#define BACK        0x198
#define HOST_RSP    0x1a0
#define GUEST_FS    0x1a8
#define HOST_FS     0x1b0
#define GUEST_GS    0x1b8
#define HOST_GS     0x1c0
#define OUT_GPR     0x200
#define OUT_RIP     0x280
#define OUT_RFLAGS  0x288
#define OUT_MXCSR   0x290
#define OUT_XMM     0x2a0

/* One instruction, or a short sequence of them (the differential sequences and loops). */
#define MAX_CODE    111

/* The x87 state as FXSAVE keeps it: ST(i) in stack order, the abridged tag bit n for physical register n. */
struct __attribute__((packed)) x87 {
    uint16_t fcw;
    uint16_t fsw;
    uint8_t ftw;
    uint8_t reserved[3];
    uint8_t st[8][16];
};

/* FXSAVE areas in the control block: the guest's x87 state in, and out again. */
#define FX_IN       0x600
#define FX_OUT      0xa00

struct __attribute__((packed)) input {
    uint8_t length;
    uint8_t bytes[MAX_CODE];
    uint64_t gpr[16];
    uint64_t rflags;
    uint64_t xmm[32];
    uint32_t mxcsr;
    uint32_t reserved;
    uint64_t fs_base;
    uint64_t gs_base;
    struct x87 fpu;
    uint8_t mem[MEM_SIZE];
};

struct __attribute__((packed)) output {
    uint64_t gpr[16];
    uint64_t rip;
    uint64_t rflags;
    uint64_t xmm[32];
    uint32_t mxcsr;
    int32_t vector;        /* -1: no fault */
    uint64_t error_code;
    uint64_t cr2;
    uint32_t outside_write; /* 1 if the instruction wrote the part of the scratch page outside MEM */
    uint32_t reserved;
    struct x87 fpu;
    uint8_t mem[MEM_SIZE];
};

extern void run_guest(void);
extern char guest_back[];

/*
 * Enter the guest with every register taken from the control block; come back through guest_back with every
 * register saved into it. Only mov (which leaves flags alone) runs between popfq and the instruction, and
 * between the instruction and pushfq.
 */
__asm__(
    ".text\n"
    ".globl run_guest\n"
    "run_guest:\n"
    "  push %rbx\n  push %rbp\n  push %r12\n  push %r13\n  push %r14\n  push %r15\n"
    "  mov %rsp, 0x102001a0\n"
    "  rdfsbase %rax\n  mov %rax, 0x102001b0\n  mov 0x102001a8, %rax\n  wrfsbase %rax\n"
    "  rdgsbase %rax\n  mov %rax, 0x102001c0\n  mov 0x102001b8, %rax\n  wrgsbase %rax\n"
    "  fxrstor64 0x10200600\n"
    "  ldmxcsr 0x10200088\n"
    "  movdqa 0x10200090, %xmm0\n  movdqa 0x102000a0, %xmm1\n  movdqa 0x102000b0, %xmm2\n"
    "  movdqa 0x102000c0, %xmm3\n  movdqa 0x102000d0, %xmm4\n  movdqa 0x102000e0, %xmm5\n"
    "  movdqa 0x102000f0, %xmm6\n  movdqa 0x10200100, %xmm7\n  movdqa 0x10200110, %xmm8\n"
    "  movdqa 0x10200120, %xmm9\n  movdqa 0x10200130, %xmm10\n  movdqa 0x10200140, %xmm11\n"
    "  movdqa 0x10200150, %xmm12\n  movdqa 0x10200160, %xmm13\n  movdqa 0x10200170, %xmm14\n"
    "  movdqa 0x10200180, %xmm15\n"
    "  pushq 0x10200080\n  popfq\n"
    "  mov 0x10200000, %rax\n  mov 0x10200008, %rcx\n  mov 0x10200010, %rdx\n  mov 0x10200018, %rbx\n"
    "  mov 0x10200028, %rbp\n  mov 0x10200030, %rsi\n  mov 0x10200038, %rdi\n"
    "  mov 0x10200040, %r8\n  mov 0x10200048, %r9\n  mov 0x10200050, %r10\n  mov 0x10200058, %r11\n"
    "  mov 0x10200060, %r12\n  mov 0x10200068, %r13\n  mov 0x10200070, %r14\n  mov 0x10200078, %r15\n"
    "  mov 0x10200020, %rsp\n"
    "  jmp *0x10200190\n"
    ".globl guest_back\n"
    "guest_back:\n"
    "  mov %rax, 0x10200200\n  mov %rcx, 0x10200208\n  mov %rdx, 0x10200210\n  mov %rbx, 0x10200218\n"
    "  mov %rsp, 0x10200220\n  mov %rbp, 0x10200228\n  mov %rsi, 0x10200230\n  mov %rdi, 0x10200238\n"
    "  mov %r8, 0x10200240\n  mov %r9, 0x10200248\n  mov %r10, 0x10200250\n  mov %r11, 0x10200258\n"
    "  mov %r12, 0x10200260\n  mov %r13, 0x10200268\n  mov %r14, 0x10200270\n  mov %r15, 0x10200278\n"
    "  mov $0x10201000, %rsp\n"
    "  mov 0x102001b0, %rax\n  wrfsbase %rax\n  mov 0x102001c0, %rax\n  wrgsbase %rax\n"
    "  pushfq\n  popq 0x10200288\n"
    "  fxsave64 0x10200a00\n"
    "  fninit\n"
    "  stmxcsr 0x10200290\n"
    "  movdqa %xmm0, 0x102002a0\n  movdqa %xmm1, 0x102002b0\n  movdqa %xmm2, 0x102002c0\n"
    "  movdqa %xmm3, 0x102002d0\n  movdqa %xmm4, 0x102002e0\n  movdqa %xmm5, 0x102002f0\n"
    "  movdqa %xmm6, 0x10200300\n  movdqa %xmm7, 0x10200310\n  movdqa %xmm8, 0x10200320\n"
    "  movdqa %xmm9, 0x10200330\n  movdqa %xmm10, 0x10200340\n  movdqa %xmm11, 0x10200350\n"
    "  movdqa %xmm12, 0x10200360\n  movdqa %xmm13, 0x10200370\n  movdqa %xmm14, 0x10200380\n"
    "  movdqa %xmm15, 0x10200390\n"
    "  cld\n"
    "  movl $0x1f80, 0x10200400\n"
    "  ldmxcsr 0x10200400\n"
    "  mov 0x102001a0, %rsp\n"
    "  pop %r15\n  pop %r14\n  pop %r13\n  pop %r12\n  pop %rbp\n  pop %rbx\n"
    "  ret\n");

static sigjmp_buf fault_return;
static struct output out;

static void *map_fixed(unsigned long address, size_t size, int prot) {
    void *p = mmap((void *)address, size, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p != (void *)address) {
        fprintf(stderr, "harness: cannot map 0x%lx\n", address);
        exit(2);
    }
    return p;
}

/* movq $pad, OUT_RIP(abs) ; jmp *BACK(abs): records where control arrived, then returns to guest_back. */
static void write_pad(uint8_t *at, uint32_t pad_address) {
    static const uint8_t movq[] = {0x48, 0xc7, 0x04, 0x25};
    static const uint8_t jmp[] = {0xff, 0x24, 0x25};
    uint32_t out_rip = CTL + OUT_RIP, back = CTL + BACK;
    memcpy(at, movq, 4);
    memcpy(at + 4, &out_rip, 4);
    memcpy(at + 8, &pad_address, 4);
    memcpy(at + 12, jmp, 3);
    memcpy(at + 15, &back, 4);
}

/* Fills [from, to) of the code page with int3 and a pad at every slot (bar the one just below PAD0). */
static void write_pads(unsigned long from, unsigned long to) {
    uint8_t *code = (uint8_t *)CODE_PAGE;
    memset(code + (from - CODE_PAGE), 0xcc, to - from);
    for (unsigned long pad = from; pad < to; pad += PAD_SPACING) {
        if (pad == PAD0 - PAD_SPACING) {
            continue; /* a single instruction under test lives here */
        }
        write_pad(code + (pad - CODE_PAGE), (uint32_t)pad);
    }
}

/* FXSAVE layout: FCW at 0, FSW at 2, abridged FTW at 4, MXCSR at 24, ST(0..7) from 32, XMM from 160. */
static void x87_to_fx(const struct x87 *in, uint8_t *fx, uint32_t mxcsr) {
    memset(fx, 0, 512);
    memcpy(fx + 0, &in->fcw, 2);
    memcpy(fx + 2, &in->fsw, 2);
    fx[4] = in->ftw;
    memcpy(fx + 24, &mxcsr, 4);
    memcpy(fx + 32, in->st, sizeof in->st);
}

static void x87_from_fx(const uint8_t *fx, struct x87 *out_fpu) {
    memcpy(&out_fpu->fcw, fx + 0, 2);
    memcpy(&out_fpu->fsw, fx + 2, 2);
    out_fpu->ftw = fx[4];
    memcpy(out_fpu->st, fx + 32, sizeof out_fpu->st);
    for (int i = 0; i < 8; i++) {
        memset(out_fpu->st[i] + 10, 0, 6);
    }
}

static void on_fault(int sig, siginfo_t *info, void *context) {
    __asm__ volatile("mov 0x102001b0, %%rax\n wrfsbase %%rax\n mov 0x102001c0, %%rax\n wrgsbase %%rax"
                     ::: "rax", "memory");
    (void)sig;
    (void)info;
    ucontext_t *uc = context;
    greg_t *g = uc->uc_mcontext.gregs;
    static const int order[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                                  REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
    for (int i = 0; i < 16; i++) {
        out.gpr[i] = g[order[i]];
    }
    out.rip = g[REG_RIP];
    out.rflags = g[REG_EFL];
    out.vector = (int32_t)g[REG_TRAPNO];
    out.error_code = g[REG_ERR];
    out.cr2 = g[REG_CR2];
    out.mxcsr = uc->uc_mcontext.fpregs->mxcsr;
    memcpy(out.xmm, uc->uc_mcontext.fpregs->_xmm, sizeof out.xmm);
    x87_from_fx((const uint8_t *)uc->uc_mcontext.fpregs, &out.fpu);
    siglongjmp(fault_return, 1);
}

static void install_fault_handlers(void) {
    static uint8_t alt_stack[1 << 16];
    stack_t ss = {.ss_sp = alt_stack, .ss_size = sizeof alt_stack, .ss_flags = 0};
    if (sigaltstack(&ss, NULL) != 0) {
        perror("harness: sigaltstack");
        exit(2);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    int signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP};
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        sigaction(signals[i], &sa, NULL);
    }
}

static int outside_scratch_written(void) {
    const uint8_t *p = (const uint8_t *)MEM_PAGE;
    for (unsigned long i = 0; i < 0x1000 - MEM_SIZE; i++) {
        if (p[i] != 0) {
            return 1;
        }
    }
    return 0;
}

static void run_case(const struct input *in) {
    uint8_t *ctl = (uint8_t *)CTL;
    uint8_t *code = (uint8_t *)CODE_PAGE;
    unsigned long entry = PAD0 - in->length;

    memcpy(code + (entry - CODE_PAGE), in->bytes, in->length);
    memset((void *)MEM_PAGE, 0, 0x1000 - MEM_SIZE);
    memcpy((void *)MEM, in->mem, MEM_SIZE);
    memcpy(ctl + IN_GPR, in->gpr, sizeof in->gpr);
    memcpy(ctl + IN_RFLAGS, &in->rflags, 8);
    memcpy(ctl + IN_MXCSR, &in->mxcsr, 4);
    memcpy(ctl + IN_XMM, in->xmm, sizeof in->xmm);
    memcpy(ctl + ENTRY, &entry, 8);
    memcpy(ctl + GUEST_FS, &in->fs_base, 8);
    memcpy(ctl + GUEST_GS, &in->gs_base, 8);
    x87_to_fx(&in->fpu, ctl + FX_IN, in->mxcsr);

    memset(&out, 0, sizeof out);
    if (sigsetjmp(fault_return, 1) == 0) {
        run_guest();
        memcpy(out.gpr, ctl + OUT_GPR, sizeof out.gpr);
        memcpy(&out.rip, ctl + OUT_RIP, 8);
        memcpy(&out.rflags, ctl + OUT_RFLAGS, 8);
        memcpy(&out.mxcsr, ctl + OUT_MXCSR, 4);
        memcpy(out.xmm, ctl + OUT_XMM, sizeof out.xmm);
        x87_from_fx(ctl + FX_OUT, &out.fpu);
        out.vector = -1;
    }
    out.outside_write = outside_scratch_written();
    memcpy(out.mem, (void *)MEM, MEM_SIZE);
    write_pads(entry & ~(PAD_SPACING - 1), PAD0);
}

int main(void) {
    map_fixed(CODE_PAGE, 0x1000, PROT_READ | PROT_WRITE | PROT_EXEC);
    map_fixed(MEM_PAGE, 0x1000, PROT_READ | PROT_WRITE);
    map_fixed(CTL, 0x1000, PROT_READ | PROT_WRITE);
    uint64_t back = (uint64_t)guest_back;
    memcpy((uint8_t *)CTL + BACK, &back, 8);
    write_pads(CODE_PAGE, CODE_PAGE + 0x1000);
    install_fault_handlers();

    static struct input in;
    while (fread(&in, sizeof in, 1, stdin) == 1) {
        if (in.length == 0 || in.length > MAX_CODE) {
            fprintf(stderr, "harness: bad instruction length %u\n", in.length);
            return 2;
        }
        run_case(&in);
        if (fwrite(&out, sizeof out, 1, stdout) != 1) {
            perror("harness: write");
            return 2;
        }
    }
    return 0;
}
