package dev.boardup.cpu.bytecode;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.ATHROW;
import static org.objectweb.asm.Opcodes.BIPUSH;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.H_INVOKESTATIC;
import static org.objectweb.asm.Opcodes.I2L;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.LADD;
import static org.objectweb.asm.Opcodes.LALOAD;
import static org.objectweb.asm.Opcodes.LAND;
import static org.objectweb.asm.Opcodes.LCONST_0;
import static org.objectweb.asm.Opcodes.LCONST_1;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.LSHL;
import static org.objectweb.asm.Opcodes.LSTORE;
import static org.objectweb.asm.Opcodes.POP;
import static org.objectweb.asm.Opcodes.PUTFIELD;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.SIPUSH;
import static org.objectweb.asm.Opcodes.V21;

import dev.boardup.cpu.decode.Instruction;
import dev.boardup.cpu.decode.Op;
import dev.boardup.cpu.decode.Operand;
import dev.boardup.cpu.exec.Alu;
import dev.boardup.cpu.exec.Flags;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Translates a {@link Block}, or a trace of blocks joined by direct JMPs and CALLs, to a hidden class whose
 * {@code run} does their instructions in straight-line bytecode. The translation does what the hardware's front end would: operand fetch and store (registers in
 * {@code cpu.gpr}, memory through {@link dev.boardup.memory.VirtualMemory}, addresses computed from the ModRM/SIB
 * fields as constants); the meaning of each instruction is a call into the executor's value-level semantics
 * ({@link Alu}, {@link Flags}, {@code Shifts}, {@code Arith}, {@code Executor.push/pop/call/ret/jcc/cmov}) with its
 * fields as constants, which HotSpot's C2 inlines and folds. Anything else is an {@code invokestatic
 * Executor.execute(insn, cpu, mem)} on the {@link Instruction}, taken from the class data.
 *
 * <p>Flags an instruction writes are left out when later instructions overwrite them unseen ({@link FlagLiveness}).
 *
 * <p>Exactness: each instruction's bytecode is covered by an exception handler that records how many
 * instructions retired before it ({@link Block#faultIndex}) and, for specialised instructions, puts RIP back at
 * the instruction, so a fault looks as it does in the interpreter. After every instruction that may store to
 * memory the block checks {@link Block#valid} and leaves if a code write invalidated it.
 */
final class BlockCompiler {
    /** HotSpot does not JIT-compile methods above 8000 bytes of bytecode; stay well below. */
    private static final int MAX_CODE_BYTES = 7000;

    private static final String CPU = "dev/boardup/cpu/CpuState";
    private static final String MEM = "dev/boardup/memory/VirtualMemory";
    private static final String INSN = "dev/boardup/cpu/decode/Instruction";
    private static final String BLOCK = "dev/boardup/cpu/bytecode/Block";
    private static final String OPERANDS = "dev/boardup/cpu/exec/Operands";
    private static final String ALU = "dev/boardup/cpu/exec/Alu";
    private static final String FLAGS = "dev/boardup/cpu/exec/Flags";
    private static final String SHIFTS = "dev/boardup/cpu/exec/Shifts";
    private static final String ARITH = "dev/boardup/cpu/exec/Arith";
    private static final String EXECUTOR = "dev/boardup/cpu/exec/Executor";
    private static final String C = "L" + CPU + ";";
    private static final String M = "L" + MEM + ";";

    private static final Handle CLASS_DATA_AT = new Handle(H_INVOKESTATIC, "java/lang/invoke/MethodHandles",
            "classDataAt", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)"
                    + "Ljava/lang/Object;", false);

    /** Local variable slots of the generated run(cpu, mem). */
    private static final int L_CPU = 1, L_MEM = 2, L_GPR = 3, L_ADDR = 4, L_A = 6, L_B = 8, L_R = 10, L_EXC = 12;

    /** The trace's first block: it holds the validity flag and the fault index. */
    private final Block head;
    private final List<Block> trace;
    private final MethodVisitor mv;
    /** Per instruction of the trace: must it compute its flags ({@link FlagLiveness})? */
    private final boolean[] flagsNeeded;
    /** Whether the instruction being emitted must compute its flags. */
    private boolean flags;
    /** The class data: the block, then each instruction the code hands to the executor. */
    private final List<Object> classData = new ArrayList<>();

    private BlockCompiler(List<Block> trace, MethodVisitor mv) {
        this.head = trace.get(0);
        this.trace = trace;
        this.mv = mv;
        this.flagsNeeded = FlagLiveness.flagsNeeded(trace.stream().flatMap(b -> Arrays.stream(b.instructions))
                .toArray(Instruction[]::new));
        classData.add(head);
    }

    /**
     * Translates a trace: blocks each of which always follows the one before it (through a direct JMP or CALL,
     * or no branch at all when that block was cut short). Returns null if the code would be too big for the JIT.
     */
    static CompiledBlock compile(List<Block> trace) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return "java/lang/Object"; // the only merges are of Throwables in handlers and of nothing else
            }
        };
        String name = "dev/boardup/cpu/bytecode/GuestBlock";
        String superName = "dev/boardup/cpu/bytecode/CompiledBlock";
        cw.visit(V21, ACC_PUBLIC | ACC_FINAL, name, null, superName, null);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, superName, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor run = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "run", "(" + C + M + ")I", null, null);
        BlockCompiler compiler = new BlockCompiler(trace, run);
        run.visitCode();
        compiler.body();
        run.visitMaxs(0, 0);
        run.visitEnd();
        cw.visitEnd();
        byte[] bytes = cw.toByteArray();
        if (bytes.length > MAX_CODE_BYTES) {
            return null;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup()
                    .defineHiddenClassWithClassData(bytes, List.copyOf(compiler.classData), true);
            return (CompiledBlock) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("bytecode tier: bad translation of the block at 0x"
                    + Long.toHexString(trace.get(0).start), e);
        }
    }

    // ---------------------------------------------------------------- the block

    private void body() {
        mv.visitVarInsn(ALOAD, L_CPU);
        mv.visitFieldInsn(GETFIELD, CPU, "gpr", "[J");
        mv.visitVarInsn(ASTORE, L_GPR);
        List<Runnable> handlers = new ArrayList<>();
        int index = 0;
        boolean ripSet = false;
        for (int k = 0; k < trace.size(); k++) {
            Block block = trace.get(k);
            Block next = k + 1 < trace.size() ? trace.get(k + 1) : null;
            Instruction[] insns = block.instructions;
            for (int i = 0; i < insns.length; i++, index++) {
                Instruction insn = insns[i];
                boolean lastOfTrace = next == null && i == insns.length - 1;
                flags = flagsNeeded[index];
                ripSet = instruction(insn, index, lastOfTrace, handlers);
            }
        }
        if (!ripSet) {
            setRip(trace.get(trace.size() - 1).end);
        }
        pushInt(index);
        mv.visitInsn(IRETURN);
        for (Runnable h : handlers) {
            h.run();
        }
    }

    /**
     * Emits one instruction, {@code index} instructions into the trace, with its fault handler and, if it may
     * store, the validity check after it. Returns whether RIP is set after it.
     */
    private boolean instruction(Instruction insn, int index, boolean lastOfTrace, List<Runnable> handlers) {
        boolean specialised = specialised(insn);
        if (insn.op == Op.NOP || specialised && insn.op == Op.JMP && !lastOfTrace) {
            return false; // no code (the JMP's target follows), nothing to cover with a handler
        }
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, null);
        mv.visitLabel(start);
        boolean stores;
        if (specialised) {
            stores = emitSpecialised(insn);
        } else {
            emitFallback(insn);
            stores = true;
        }
        mv.visitLabel(end);
        handlers.add(() -> emitHandler(handler, index, specialised ? insn.address : -1));
        boolean ripSet = setsRip(insn, specialised);
        if (stores && !lastOfTrace) {
            emitValidityCheck(ripSet ? -1 : insn.next(), index + 1);
        }
        return ripSet;
    }

    /** Whether RIP is already right after the instruction: control transfers and anything the executor ran. */
    private static boolean setsRip(Instruction insn, boolean specialised) {
        if (!specialised) {
            return true;
        }
        return switch (insn.op) {
            case Op.JMP, Op.JCC, Op.CALL, Op.RET -> true;
            default -> false;
        };
    }

    /**
     * A store may have written this trace's code: if so, leave with RIP at {@code next} (-1: RIP is already set,
     * by a CALL or the executor).
     */
    private void emitValidityCheck(long next, int retiredSoFar) {
        Label ok = new Label();
        loadBlock();
        mv.visitFieldInsn(GETFIELD, BLOCK, "valid", "Z");
        mv.visitJumpInsn(IFNE, ok);
        if (next != -1) {
            setRip(next);
        }
        pushInt(retiredSoFar);
        mv.visitInsn(IRETURN);
        mv.visitLabel(ok);
    }

    private void emitHandler(Label handler, int index, long rip) {
        mv.visitLabel(handler);
        mv.visitVarInsn(ASTORE, L_EXC);
        if (rip != -1) {
            setRip(rip);
        }
        loadBlock();
        pushInt(index);
        mv.visitFieldInsn(PUTFIELD, BLOCK, "faultIndex", "I");
        mv.visitVarInsn(ALOAD, L_EXC);
        mv.visitInsn(ATHROW);
    }

    /** cpu.rip = rip; Executor.execute(insn, cpu, mem), with RIP at the instruction as the executor expects. */
    private void emitFallback(Instruction insn) {
        setRip(insn.address);
        classData.add(insn);
        mv.visitLdcInsn(new ConstantDynamic("_", "L" + INSN + ";", CLASS_DATA_AT, classData.size() - 1));
        mv.visitVarInsn(ALOAD, L_CPU);
        mv.visitVarInsn(ALOAD, L_MEM);
        mv.visitMethodInsn(INVOKESTATIC, EXECUTOR, "execute", "(L" + INSN + ";" + C + M + ")I", false);
        mv.visitInsn(POP);
    }

    // ---------------------------------------------------------------- which instructions are specialised

    static boolean specialised(Instruction insn) {
        Operand[] ops = insn.operands;
        for (Operand o : ops) {
            if (o.kind == Operand.XMM) {
                return false;
            }
        }
        return switch (insn.op) {
            case Op.MOV, Op.MOVZX, Op.MOVSX, Op.ADD, Op.OR, Op.ADC, Op.SBB, Op.AND, Op.SUB, Op.XOR, Op.CMP, Op.TEST,
                    Op.INC, Op.DEC, Op.NEG, Op.NOT, Op.SETCC, Op.NOP -> true;
            case Op.LEA -> ops[0].isReg() && ops[1].isMem();
            case Op.CMOVCC, Op.IMUL -> ops[0].isReg();
            case Op.SHL, Op.SAL, Op.SHR, Op.SAR -> ops[1].kind == Operand.IMM && shiftCount(insn) != 0;
            case Op.PUSH -> ops[0].kind != Operand.REL;
            case Op.POP -> ops[0].isReg();
            case Op.CALL, Op.JMP, Op.JCC -> ops[0].kind == Operand.REL && canonical(ops[0].imm);
            case Op.RET -> true;
            default -> false;
        };
    }

    private static int shiftCount(Instruction insn) {
        return (int) insn.operands[1].imm & (insn.opSize == 8 ? 63 : 31);
    }

    private static boolean canonical(long a) {
        return (a << 16) >> 16 == a;
    }

    /** Emits one specialised instruction; returns whether it may store to memory. */
    private boolean emitSpecialised(Instruction insn) {
        Operand[] ops = insn.operands;
        int size = insn.opSize;
        switch (insn.op) {
            case Op.NOP -> {
                return false;
            }
            case Op.MOV, Op.MOVZX -> {
                prepareAddress(ops);
                read(ops[1]);
                mv.visitVarInsn(LSTORE, L_R);
                write(ops[0], L_R);
                return ops[0].isMem();
            }
            case Op.MOVSX -> {
                prepareAddress(ops);
                read(ops[1]);
                pushInt(ops[1].size);
                mv.visitMethodInsn(INVOKESTATIC, FLAGS, "signExtend", "(JI)J", false);
                pushLong(Flags.mask(size));
                mv.visitInsn(LAND);
                mv.visitVarInsn(LSTORE, L_R);
                write(ops[0], L_R);
                return ops[0].isMem();
            }
            case Op.LEA -> {
                effectiveAddress(ops[1]);
                mv.visitVarInsn(LSTORE, L_R);
                writeReg(size, ops[0].reg, L_R);
                return false;
            }
            case Op.ADD, Op.OR, Op.ADC, Op.SBB, Op.AND, Op.SUB, Op.XOR, Op.CMP, Op.TEST -> {
                emitAlu(insn);
                return ops[0].isMem() && Alu.writesResult(insn.op);
            }
            case Op.INC, Op.DEC, Op.NEG, Op.NOT -> {
                emitUnary(insn);
                return ops[0].isMem();
            }
            case Op.SHL, Op.SAL, Op.SHR, Op.SAR -> {
                emitShift(insn);
                return ops[0].isMem();
            }
            case Op.IMUL -> {
                prepareAddress(ops);
                mv.visitVarInsn(ALOAD, L_CPU);
                pushInt(size);
                read(ops[1]);
                read(ops[2]);
                mv.visitMethodInsn(INVOKESTATIC, ARITH, "imul", "(" + C + "IJJ)J", false);
                mv.visitVarInsn(LSTORE, L_R);
                writeReg(size, ops[0].reg, L_R);
                return false;
            }
            case Op.SETCC -> {
                prepareAddress(ops);
                condition(insn.cond);
                mv.visitInsn(I2L);
                mv.visitVarInsn(LSTORE, L_R);
                write(ops[0], L_R);
                return ops[0].isMem();
            }
            case Op.CMOVCC -> {
                prepareAddress(ops);
                read(ops[1]);
                mv.visitVarInsn(LSTORE, L_R);
                mv.visitVarInsn(ALOAD, L_CPU);
                pushInt(insn.cond);
                pushInt(size);
                pushInt(ops[0].reg);
                mv.visitVarInsn(LLOAD, L_R);
                mv.visitMethodInsn(INVOKESTATIC, EXECUTOR, "cmov", "(" + C + "IIIJ)V", false);
                return false;
            }
            case Op.PUSH -> {
                prepareAddress(ops);
                read(ops[0]);
                mv.visitVarInsn(LSTORE, L_R);
                mv.visitVarInsn(ALOAD, L_CPU);
                mv.visitVarInsn(ALOAD, L_MEM);
                pushInt(size);
                mv.visitVarInsn(LLOAD, L_R);
                mv.visitMethodInsn(INVOKESTATIC, EXECUTOR, "push", "(" + C + M + "IJ)V", false);
                return true;
            }
            case Op.POP -> {
                mv.visitVarInsn(ALOAD, L_CPU);
                mv.visitVarInsn(ALOAD, L_MEM);
                pushInt(size);
                mv.visitMethodInsn(INVOKESTATIC, EXECUTOR, "pop", "(" + C + M + "I)J", false);
                mv.visitVarInsn(LSTORE, L_R);
                writeReg(size, ops[0].reg, L_R);
                return false;
            }
            case Op.CALL -> {
                mv.visitVarInsn(ALOAD, L_CPU);
                mv.visitVarInsn(ALOAD, L_MEM);
                pushLong(ops[0].imm);
                pushLong(insn.next());
                mv.visitMethodInsn(INVOKESTATIC, EXECUTOR, "call", "(" + C + M + "JJ)V", false);
                return true;
            }
            case Op.RET -> {
                mv.visitVarInsn(ALOAD, L_CPU);
                mv.visitVarInsn(ALOAD, L_MEM);
                pushLong(ops.length > 0 ? ops[0].imm : 0);
                mv.visitMethodInsn(INVOKESTATIC, EXECUTOR, "ret", "(" + C + M + "J)V", false);
                return false;
            }
            case Op.JMP -> {
                setRip(ops[0].imm); // a constant target, checked canonical at translation
                return false;
            }
            case Op.JCC -> {
                mv.visitVarInsn(ALOAD, L_CPU);
                pushInt(insn.cond);
                pushLong(ops[0].imm);
                pushLong(insn.next());
                mv.visitMethodInsn(INVOKESTATIC, EXECUTOR, "jcc", "(" + C + "IJJ)V", false);
                return false;
            }
            default -> throw new IllegalStateException("not specialised: " + insn);
        }
    }

    /** ALU op: a = dst, b = src masked to the width; result stored (unless CMP/TEST), then the flags. */
    private void emitAlu(Instruction insn) {
        Operand[] ops = insn.operands;
        int size = insn.opSize;
        prepareAddress(ops);
        read(ops[0]);
        mv.visitVarInsn(LSTORE, L_A);
        read(ops[1]);
        pushLong(Flags.mask(size));
        mv.visitInsn(LAND);
        mv.visitVarInsn(LSTORE, L_B);
        mv.visitVarInsn(ALOAD, L_CPU);
        pushInt(insn.op);
        pushInt(size);
        mv.visitVarInsn(LLOAD, L_A);
        mv.visitVarInsn(LLOAD, L_B);
        mv.visitMethodInsn(INVOKESTATIC, ALU, "result", "(" + C + "IIJJ)J", false);
        mv.visitVarInsn(LSTORE, L_R);
        if (Alu.writesResult(insn.op)) {
            write(ops[0], L_R);
        }
        if (!flags) {
            return; // overwritten before anyone can see them
        }
        mv.visitVarInsn(ALOAD, L_CPU);
        pushInt(insn.op);
        pushInt(size);
        mv.visitVarInsn(LLOAD, L_A);
        mv.visitVarInsn(LLOAD, L_B);
        mv.visitVarInsn(LLOAD, L_R);
        mv.visitMethodInsn(INVOKESTATIC, ALU, "flags", "(" + C + "IIJJJ)V", false);
    }

    private void emitUnary(Instruction insn) {
        Operand d = insn.operands[0];
        int size = insn.opSize;
        prepareAddress(insn.operands);
        read(d);
        mv.visitVarInsn(LSTORE, L_A);
        pushInt(insn.op);
        pushInt(size);
        mv.visitVarInsn(LLOAD, L_A);
        mv.visitMethodInsn(INVOKESTATIC, ALU, "unaryResult", "(IIJ)J", false);
        mv.visitVarInsn(LSTORE, L_R);
        write(d, L_R);
        if (!flags) {
            return;
        }
        mv.visitVarInsn(ALOAD, L_CPU);
        pushInt(insn.op);
        pushInt(size);
        mv.visitVarInsn(LLOAD, L_A);
        mv.visitVarInsn(LLOAD, L_R);
        mv.visitMethodInsn(INVOKESTATIC, ALU, "unaryFlags", "(" + C + "IIJJ)V", false);
    }

    /** SHL/SAL, SHR, SAR by a non-zero immediate count (a zero count changes nothing and is left to the executor). */
    private void emitShift(Instruction insn) {
        Operand d = insn.operands[0];
        int size = insn.opSize;
        int count = shiftCount(insn);
        prepareAddress(insn.operands);
        read(d);
        mv.visitVarInsn(LSTORE, L_A);
        pushInt(insn.op);
        pushInt(size);
        mv.visitVarInsn(LLOAD, L_A);
        pushInt(count);
        mv.visitMethodInsn(INVOKESTATIC, SHIFTS, "shiftResult", "(IIJI)J", false);
        mv.visitVarInsn(LSTORE, L_R);
        write(d, L_R);
        if (!flags) {
            return;
        }
        mv.visitVarInsn(ALOAD, L_CPU);
        pushInt(insn.op);
        pushInt(size);
        mv.visitVarInsn(LLOAD, L_A);
        pushInt(count);
        mv.visitVarInsn(LLOAD, L_R);
        mv.visitMethodInsn(INVOKESTATIC, SHIFTS, "shiftFlags", "(" + C + "IIJIJ)V", false);
    }

    private void condition(int cond) {
        mv.visitVarInsn(ALOAD, L_CPU);
        pushInt(cond);
        mv.visitMethodInsn(INVOKESTATIC, FLAGS, "condition", "(" + C + "I)Z", false);
    }

    // ---------------------------------------------------------------- operand fetch and store

    /** Computes the linear address of the instruction's memory operand (there is at most one) into L_ADDR. */
    private void prepareAddress(Operand[] ops) {
        for (Operand o : ops) {
            if (o.isMem()) {
                effectiveAddress(o);
                if (o.segment == Operand.SEG_FS || o.segment == Operand.SEG_GS) {
                    mv.visitVarInsn(ALOAD, L_CPU);
                    mv.visitFieldInsn(GETFIELD, CPU, o.segment == Operand.SEG_FS ? "fsBase" : "gsBase", "J");
                    mv.visitInsn(LADD);
                }
                mv.visitVarInsn(LSTORE, L_ADDR);
                return;
            }
        }
    }

    /** Pushes base + index * scale + disp (32 bits wide under a 0x67 prefix), as Operands.effectiveAddress. */
    private void effectiveAddress(Operand o) {
        pushLong(o.disp);
        if (o.base >= 0) {
            loadGpr(o.base);
            mv.visitInsn(LADD);
        }
        if (o.index >= 0) {
            loadGpr(o.index);
            if (o.scale > 1) {
                pushInt(Integer.numberOfTrailingZeros(o.scale));
                mv.visitInsn(LSHL);
            }
            mv.visitInsn(LADD);
        }
        if (o.addr32) {
            pushLong(0xFFFFFFFFL);
            mv.visitInsn(LAND);
        }
    }

    private void loadGpr(int reg) {
        mv.visitVarInsn(ALOAD, L_GPR);
        pushInt(reg);
        mv.visitInsn(LALOAD);
    }

    /** Pushes the operand zero-extended to 64 bits, as Operands.read; a memory operand's address is in L_ADDR. */
    private void read(Operand o) {
        switch (o.kind) {
            case Operand.REG -> {
                mv.visitVarInsn(ALOAD, L_CPU);
                pushInt(o.size);
                pushInt(o.reg);
                mv.visitMethodInsn(INVOKESTATIC, OPERANDS, "readReg", "(" + C + "II)J", false);
            }
            case Operand.MEM -> {
                mv.visitVarInsn(ALOAD, L_MEM);
                mv.visitVarInsn(LLOAD, L_ADDR);
                pushInt(o.size);
                mv.visitMethodInsn(INVOKESTATIC, OPERANDS, "load", "(" + M + "JI)J", false);
            }
            case Operand.IMM -> pushLong(o.imm & Flags.mask(o.size));
            default -> throw new IllegalStateException("operand kind " + o.kind);
        }
    }

    /** Writes the long in {@code local} to the operand, as Operands.write. */
    private void write(Operand o, int local) {
        if (o.kind == Operand.REG) {
            writeReg(o.size, o.reg, local);
        } else {
            mv.visitVarInsn(ALOAD, L_MEM);
            mv.visitVarInsn(LLOAD, L_ADDR);
            pushInt(o.size);
            mv.visitVarInsn(LLOAD, local);
            mv.visitMethodInsn(INVOKESTATIC, OPERANDS, "store", "(" + M + "JIJ)V", false);
        }
    }

    private void writeReg(int size, int reg, int local) {
        mv.visitVarInsn(ALOAD, L_CPU);
        pushInt(size);
        pushInt(reg);
        mv.visitVarInsn(LLOAD, local);
        mv.visitMethodInsn(INVOKESTATIC, OPERANDS, "writeReg", "(" + C + "IIJ)V", false);
    }

    // ---------------------------------------------------------------- constants

    private void setRip(long rip) {
        mv.visitVarInsn(ALOAD, L_CPU);
        pushLong(rip);
        mv.visitFieldInsn(PUTFIELD, CPU, "rip", "J");
    }

    private void loadBlock() {
        mv.visitLdcInsn(new ConstantDynamic("_", "L" + BLOCK + ";", CLASS_DATA_AT, 0));
    }

    private void pushInt(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    private void pushLong(long v) {
        if (v == 0) {
            mv.visitInsn(LCONST_0);
        } else if (v == 1) {
            mv.visitInsn(LCONST_1);
        } else {
            mv.visitLdcInsn(v);
        }
    }
}
