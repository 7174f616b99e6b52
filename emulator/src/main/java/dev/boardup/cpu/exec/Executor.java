package dev.boardup.cpu.exec;

import static dev.boardup.cpu.exec.Operands.load;
import static dev.boardup.cpu.exec.Operands.read;
import static dev.boardup.cpu.exec.Operands.readReg;
import static dev.boardup.cpu.exec.Operands.store;
import static dev.boardup.cpu.exec.Operands.write;
import static dev.boardup.cpu.exec.Operands.writeReg;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.boardup.cpu.Breakpoint;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.DivideError;
import dev.boardup.cpu.GeneralProtection;
import dev.boardup.cpu.InvalidOpcode;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.cpu.decode.Op;
import dev.boardup.cpu.decode.Operand;
import dev.boardup.memory.VirtualMemory;
import java.math.BigInteger;

/**
 * The meaning of every instruction: executes one decoded {@link Instruction} against a {@link CpuState} and
 * {@link VirtualMemory}. Each instruction computes first and commits last, so a fault leaves no trace of it
 * and RIP still at it. Dispatch is a switch on the instruction's final fields, which folds away when the
 * instruction is a compilation constant.
 */
public final class Executor {
    /** Execution continues at the new RIP. */
    public static final int NEXT = 0;
    /** A SYSCALL executed: RIP is past it, RCX = that RIP, R11 = RFLAGS. */
    public static final int SYSCALL = 1;

    private static final int RAX = CpuState.RAX, RCX = CpuState.RCX, RDX = CpuState.RDX, RBX = CpuState.RBX;
    private static final int RSP = CpuState.RSP, RBP = CpuState.RBP, RSI = CpuState.RSI, RDI = CpuState.RDI;

    private Executor() {
    }

    /** Executes {@code insn}, which must sit at {@code cpu.rip}. Returns {@link #NEXT} or {@link #SYSCALL}. */
    public static int execute(Instruction insn, CpuState cpu, VirtualMemory mem) {
        switch (insn.op) {
            case Op.ADD, Op.OR, Op.ADC, Op.SBB, Op.AND, Op.SUB, Op.XOR, Op.CMP, Op.TEST -> alu(insn, cpu, mem);
            case Op.ROL, Op.ROR, Op.RCL, Op.RCR, Op.SHL, Op.SHR, Op.SAL, Op.SAR -> Shifts.shift(insn, cpu, mem);
            case Op.SHLD, Op.SHRD -> Shifts.doubleShift(insn, cpu, mem);
            case Op.INC, Op.DEC, Op.NEG, Op.NOT -> unary(insn, cpu, mem);
            case Op.MUL, Op.IMUL1 -> Arith.mulWide(insn, cpu, mem);
            case Op.IMUL -> Arith.imul(insn, cpu, mem);
            case Op.DIV, Op.IDIV -> Arith.divide(insn, cpu, mem);
            case Op.MOV, Op.MOVZX -> write(insn.operands[0], read(insn.operands[1], cpu, mem), cpu, mem);
            case Op.MOVSX -> movsx(insn, cpu, mem);
            case Op.LEA -> lea(insn, cpu);
            case Op.XCHG -> xchg(insn, cpu, mem);
            case Op.CMPXCHG -> cmpxchg(insn, cpu, mem);
            case Op.CMPXCHG8B -> cmpxchg8b(insn, cpu, mem);
            case Op.CMPXCHG16B -> cmpxchg16b(insn, cpu, mem);
            case Op.XADD -> xadd(insn, cpu, mem);
            case Op.BSWAP -> bswap(insn, cpu);
            case Op.BT, Op.BTS, Op.BTR, Op.BTC -> Bits.bitTest(insn, cpu, mem);
            case Op.BSF, Op.BSR, Op.TZCNT, Op.LZCNT, Op.POPCNT -> Bits.scan(insn, cpu, mem);
            case Op.CBW -> cbw(insn, cpu);
            case Op.CWD -> cwd(insn, cpu);
            case Op.PUSH -> push(cpu, mem, insn.opSize, read(insn.operands[0], cpu, mem));
            case Op.POP -> pop(insn, cpu, mem);
            case Op.PUSHF -> push(cpu, mem, insn.opSize, cpu.rflags());
            case Op.POPF -> popf(insn, cpu, mem);
            case Op.CALL -> {
                call(insn, cpu, mem);
                return NEXT;
            }
            case Op.RET -> {
                ret(insn, cpu, mem);
                return NEXT;
            }
            case Op.JMP -> {
                cpu.rip = canonicalTarget(target(insn, cpu, mem));
                return NEXT;
            }
            case Op.JCC -> {
                jcc(cpu, insn.cond, insn.operands[0].imm, insn.next());
                return NEXT;
            }
            case Op.JRCXZ, Op.LOOP, Op.LOOPE, Op.LOOPNE -> {
                loop(insn, cpu);
                return NEXT;
            }
            case Op.SETCC -> write(insn.operands[0], Flags.condition(cpu, insn.cond) ? 1 : 0, cpu, mem);
            case Op.CMOVCC -> cmov(insn, cpu, mem);
            case Op.LEAVE -> leave(insn, cpu, mem);
            case Op.ENTER -> enter(insn, cpu, mem);
            case Op.MOVS, Op.STOS, Op.LODS, Op.CMPS, Op.SCAS -> Strings.execute(insn, cpu, mem);
            case Op.NOP -> {
            }
            case Op.CPUID -> Cpuid.execute(cpu);
            case Op.RDTSC -> rdtsc(cpu);
            case Op.SYSCALL -> {
                cpu.rip = insn.next();
                cpu.gpr[RCX] = cpu.rip;
                cpu.gpr[CpuState.R11] = cpu.rflags();
                return SYSCALL;
            }
            case Op.UD2 -> throw invalidOpcode(insn);
            case Op.INT3 -> {
                cpu.rip = insn.next();
                throw new Breakpoint();
            }
            case Op.PRIVILEGED -> throw privileged();
            case Op.CLC -> cpu.cf = false;
            case Op.STC -> cpu.cf = true;
            case Op.CMC -> cpu.cf = !cpu.cf;
            case Op.CLD -> cpu.df = false;
            case Op.STD -> cpu.df = true;
            case Op.LAHF -> lahf(cpu);
            case Op.SAHF -> sahf(cpu);
            case Op.LDMXCSR -> ldmxcsr(insn, cpu, mem);
            case Op.STMXCSR -> write(insn.operands[0], cpu.mxcsr, cpu, mem);
            case Op.X87 -> X87.execute(insn, cpu, mem);
            case Op.XLAT -> xlat(insn, cpu, mem);
            default -> Sse.execute(insn, cpu, mem);
        }
        cpu.rip = insn.next();
        return NEXT;
    }

    @TruffleBoundary
    private static InvalidOpcode invalidOpcode(Instruction insn) {
        return new InvalidOpcode(insn.address, insn.bytes());
    }

    @TruffleBoundary
    private static GeneralProtection privileged() {
        return new GeneralProtection("privileged instruction in user mode");
    }

    // ---------------------------------------------------------------- integer ALU

    private static void alu(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand d = insn.operands[0];
        int size = insn.opSize;
        long a = read(d, cpu, mem);
        long b = read(insn.operands[1], cpu, mem) & Flags.mask(size);
        long r = Alu.result(cpu, insn.op, size, a, b);
        if (Alu.writesResult(insn.op)) {
            write(d, r, cpu, mem);
        }
        Alu.flags(cpu, insn.op, size, a, b, r);
    }

    private static void unary(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand d = insn.operands[0];
        int size = insn.opSize;
        long a = read(d, cpu, mem);
        long r = Alu.unaryResult(insn.op, size, a);
        write(d, r, cpu, mem);
        Alu.unaryFlags(cpu, insn.op, size, a, r);
    }

    // ---------------------------------------------------------------- moves and exchanges

    private static void movsx(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand s = insn.operands[1];
        long v = Flags.signExtend(read(s, cpu, mem), s.size);
        write(insn.operands[0], v & Flags.mask(insn.opSize), cpu, mem);
    }

    private static void lea(Instruction insn, CpuState cpu) {
        long a = Operands.effectiveAddress(insn.operands[1], cpu);
        writeReg(cpu, insn.opSize, insn.operands[0].reg, a);
    }

    private static void xchg(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand d = insn.operands[0];
        Operand s = insn.operands[1];
        long a = read(d, cpu, mem);
        long b = read(s, cpu, mem);
        write(d, b, cpu, mem);
        write(s, a, cpu, mem);
    }

    private static void cmpxchg(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand d = insn.operands[0];
        int size = insn.opSize;
        long acc = readReg(cpu, size, RAX);
        long a = read(d, cpu, mem);
        long src = read(insn.operands[1], cpu, mem);
        if (acc == a) {
            write(d, src, cpu, mem);
        } else {
            if (d.isMem()) {
                write(d, a, cpu, mem); // the locked cycle writes the old value back
            }
            writeReg(cpu, size, RAX, a);
        }
        Flags.sub(cpu, size, acc, a, false, (acc - a) & Flags.mask(size));
    }

    private static void cmpxchg8b(Instruction insn, CpuState cpu, VirtualMemory mem) {
        long addr = Operands.linearAddress(insn.operands[0], cpu);
        long old = load(mem, addr, 8);
        long expected = (cpu.gpr[RDX] << 32) | (cpu.gpr[RAX] & 0xFFFFFFFFL);
        if (old == expected) {
            store(mem, addr, 8, (cpu.gpr[CpuState.RCX] << 32) | (cpu.gpr[RBX] & 0xFFFFFFFFL));
            cpu.zf = true;
        } else {
            store(mem, addr, 8, old);
            cpu.gpr[RAX] = old & 0xFFFFFFFFL;
            cpu.gpr[RDX] = old >>> 32;
            cpu.zf = false;
        }
    }

    private static void cmpxchg16b(Instruction insn, CpuState cpu, VirtualMemory mem) {
        long addr = Operands.linearAddress(insn.operands[0], cpu);
        if ((addr & 15) != 0) {
            throw misaligned();
        }
        Operands.checkCanonical(addr);
        long lo = mem.read64(addr);
        long hi = mem.read64(addr + 8);
        if (lo == cpu.gpr[RAX] && hi == cpu.gpr[RDX]) {
            Operands.store128(mem, addr, cpu.gpr[RBX], cpu.gpr[RCX]);
            cpu.zf = true;
        } else {
            Operands.store128(mem, addr, lo, hi);
            cpu.gpr[RAX] = lo;
            cpu.gpr[RDX] = hi;
            cpu.zf = false;
        }
    }

    @TruffleBoundary
    static GeneralProtection misaligned() {
        return new GeneralProtection("misaligned 16-byte memory operand");
    }

    private static void xadd(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand d = insn.operands[0];
        Operand s = insn.operands[1];
        int size = insn.opSize;
        long a = read(d, cpu, mem);
        long b = read(s, cpu, mem);
        long r = (a + b) & Flags.mask(size);
        if (d.isMem()) {
            write(d, r, cpu, mem);
            write(s, a, cpu, mem);
        } else {
            write(s, a, cpu, mem);
            write(d, r, cpu, mem);
        }
        Flags.add(cpu, size, a, b, false, r);
    }

    private static void bswap(Instruction insn, CpuState cpu) {
        int r = insn.operands[0].reg;
        switch (insn.opSize) {
            case 8 -> cpu.gpr[r] = Long.reverseBytes(cpu.gpr[r]);
            case 4 -> cpu.gpr[r] = Integer.reverseBytes((int) cpu.gpr[r]) & 0xFFFFFFFFL;
            default -> writeReg(cpu, 2, r, 0); // BSWAP r16 is undefined; x86 parts clear the word
        }
    }

    private static void cbw(Instruction insn, CpuState cpu) {
        int size = insn.opSize;
        long v = Flags.signExtend(readReg(cpu, size / 2, RAX), size / 2);
        writeReg(cpu, size, RAX, v);
    }

    private static void cwd(Instruction insn, CpuState cpu) {
        int size = insn.opSize;
        boolean negative = (readReg(cpu, size, RAX) & Flags.signBit(size)) != 0;
        writeReg(cpu, size, RDX, negative ? -1L : 0);
    }

    private static void cmov(Instruction insn, CpuState cpu, VirtualMemory mem) {
        long v = read(insn.operands[1], cpu, mem); // the source is read (and may fault) either way
        cmov(cpu, insn.cond, insn.opSize, insn.operands[0].reg, v);
    }

    /** CMOVcc's commit, once the source value {@code v} is read. */
    public static void cmov(CpuState cpu, int cond, int size, int reg, long v) {
        if (Flags.condition(cpu, cond)) {
            writeReg(cpu, size, reg, v);
        } else if (size == 4) {
            writeReg(cpu, 4, reg, readReg(cpu, 4, reg)); // a 32-bit CMOV always zero-extends
        }
    }

    private static void xlat(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand table = insn.operands[0];
        long offset = Operands.effectiveAddress(table, cpu) + (cpu.gpr[RAX] & 0xFF);
        if (table.addr32) {
            offset &= 0xFFFFFFFFL;
        }
        writeReg(cpu, 1, RAX, load(mem, Operands.withSegment(offset, table.segment, cpu), 1));
    }

    private static void lahf(CpuState cpu) {
        long ah = (cpu.sf ? 0x80 : 0) | (cpu.zf ? 0x40 : 0) | (cpu.af ? 0x10 : 0) | (cpu.pf ? 0x04 : 0) | 0x02
                | (cpu.cf ? 1 : 0);
        writeReg(cpu, 1, Operand.AH, ah);
    }

    private static void sahf(CpuState cpu) {
        long ah = readReg(cpu, 1, Operand.AH);
        cpu.sf = (ah & 0x80) != 0;
        cpu.zf = (ah & 0x40) != 0;
        cpu.af = (ah & 0x10) != 0;
        cpu.pf = (ah & 0x04) != 0;
        cpu.cf = (ah & 0x01) != 0;
    }

    // ---------------------------------------------------------------- stack and control transfer

    /** Pushes {@code size} bytes; the store happens before RSP changes, so a #PF leaves RSP alone. */
    public static void push(CpuState cpu, VirtualMemory mem, int size, long v) {
        long sp = cpu.gpr[RSP] - size;
        store(mem, sp, size, v);
        cpu.gpr[RSP] = sp;
    }

    private static void pop(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int size = insn.opSize;
        Operand d = insn.operands[0];
        if (d.isMem()) {
            long oldSp = cpu.gpr[RSP];
            long v = load(mem, oldSp, size);
            long newSp = oldSp + size;
            // POP computes a memory destination's address with RSP already incremented.
            cpu.gpr[RSP] = newSp;
            long addr = Operands.linearAddress(d, cpu);
            cpu.gpr[RSP] = oldSp;
            store(mem, addr, size, v);
            cpu.gpr[RSP] = newSp;
        } else {
            writeReg(cpu, size, d.reg, pop(cpu, mem, size)); // POP RSP leaves the popped value in RSP
        }
    }

    /** Pops {@code size} bytes: the load happens before RSP changes, so a #PF leaves RSP alone. */
    public static long pop(CpuState cpu, VirtualMemory mem, int size) {
        long sp = cpu.gpr[RSP];
        long v = load(mem, sp, size);
        cpu.gpr[RSP] = sp + size;
        return v;
    }

    private static void popf(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int size = insn.opSize;
        long v = load(mem, cpu.gpr[RSP], size);
        if (size == 2) {
            v = (cpu.rflags() & ~0xFFFFL) | v;
        }
        cpu.gpr[RSP] += size;
        cpu.setRflags(v);
    }

    private static long target(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand t = insn.operands[0];
        return t.kind == Operand.REL ? t.imm : read(t, cpu, mem);
    }

    /** A branch to a non-canonical address faults (#GP) on the branch itself, not on the fetch at the target. */
    public static long canonicalTarget(long target) {
        if ((target << 16) >> 16 != target) {
            throw nonCanonicalBranch();
        }
        return target;
    }

    @TruffleBoundary
    private static GeneralProtection nonCanonicalBranch() {
        return new GeneralProtection("branch to a non-canonical address");
    }

    private static void call(Instruction insn, CpuState cpu, VirtualMemory mem) {
        call(cpu, mem, target(insn, cpu, mem), insn.next());
    }

    /** CALL to {@code target}, which is checked first: pushes the return address {@code next}, then jumps. */
    public static void call(CpuState cpu, VirtualMemory mem, long target, long next) {
        long checked = canonicalTarget(target);
        push(cpu, mem, 8, next);
        cpu.rip = checked;
    }

    private static void ret(Instruction insn, CpuState cpu, VirtualMemory mem) {
        ret(cpu, mem, insn.operands.length > 0 ? insn.operands[0].imm : 0);
    }

    /** RET, releasing {@code release} more bytes of stack (RET imm16). */
    public static void ret(CpuState cpu, VirtualMemory mem, long release) {
        long sp = cpu.gpr[RSP];
        long target = canonicalTarget(load(mem, sp, 8));
        cpu.gpr[RSP] = sp + 8 + release;
        cpu.rip = target;
    }

    /** Jcc: RIP goes to {@code target} if condition {@code cond} holds, else to {@code next}. */
    public static void jcc(CpuState cpu, int cond, long target, long next) {
        cpu.rip = Flags.condition(cpu, cond) ? canonicalTarget(target) : next;
    }

    private static void loop(Instruction insn, CpuState cpu) {
        long m = insn.addrSize == 4 ? 0xFFFFFFFFL : -1L;
        if (insn.op == Op.JRCXZ) {
            cpu.rip = (cpu.gpr[RCX] & m) == 0 ? canonicalTarget(insn.operands[0].imm) : insn.next();
            return;
        }
        long count = (cpu.gpr[RCX] - 1) & m;
        boolean taken = count != 0 && (insn.op == Op.LOOP || (insn.op == Op.LOOPE) == cpu.zf);
        long next = taken ? canonicalTarget(insn.operands[0].imm) : insn.next();
        writeReg(cpu, insn.addrSize, RCX, count);
        cpu.rip = next;
    }

    private static void leave(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int size = insn.opSize;
        long frame = cpu.gpr[RBP];
        long saved = load(mem, frame, size);
        cpu.gpr[RSP] = frame + size;
        writeReg(cpu, size, RBP, saved);
    }

    private static void enter(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int size = insn.opSize;
        long allocation = insn.operands[0].imm;
        int level = (int) (insn.operands[1].imm & 31);
        long sp = cpu.gpr[RSP] - size;
        store(mem, sp, size, cpu.gpr[RBP]);
        long frameTemp = sp;
        if (level > 0) {
            long bp = cpu.gpr[RBP];
            for (int i = 1; i < level; i++) {
                bp -= size;
                sp -= size;
                store(mem, sp, size, load(mem, bp, size));
            }
            sp -= size;
            store(mem, sp, size, frameTemp);
        }
        writeReg(cpu, size, RBP, frameTemp);
        cpu.gpr[RSP] = sp - allocation;
    }

    // ---------------------------------------------------------------- system

    private static void rdtsc(CpuState cpu) {
        long t = Cpuid.timestamp();
        cpu.gpr[RAX] = t & 0xFFFFFFFFL;
        cpu.gpr[RDX] = t >>> 32;
    }

    private static void ldmxcsr(Instruction insn, CpuState cpu, VirtualMemory mem) {
        long v = read(insn.operands[0], cpu, mem);
        if ((v & ~0xFFFFL) != 0) {
            throw reservedMxcsr();
        }
        cpu.mxcsr = (int) v;
    }

    @TruffleBoundary
    private static GeneralProtection reservedMxcsr() {
        return new GeneralProtection("LDMXCSR sets reserved MXCSR bits");
    }

    @TruffleBoundary
    static DivideError divideError() {
        return new DivideError();
    }

    @TruffleBoundary
    static BigInteger unsigned128(long hi, long lo) {
        return new BigInteger(1, toBytes(hi, lo));
    }

    @TruffleBoundary
    static BigInteger signed128(long hi, long lo) {
        return new BigInteger(toBytes(hi, lo));
    }

    private static byte[] toBytes(long hi, long lo) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return b;
    }
}
