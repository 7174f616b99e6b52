package dev.boardup.cpu.bytecode;

import dev.boardup.cpu.decode.Instruction;
import dev.boardup.cpu.decode.Op;
import dev.boardup.cpu.decode.Operand;
import dev.boardup.cpu.exec.Alu;

/**
 * Which instructions of a straight-line trace must compute their flags: a backward liveness pass over CF, PF, AF,
 * ZF, SF and OF. An instruction's flags may be skipped only when later instructions overwrite all of them before
 * anything reads them, and nothing in between can stop the trace where they would be seen: every flag is live at
 * the trace's end, before any instruction that may fault (a fault must see its predecessors' flags) and after any
 * that may store (a store into the trace's own code leaves it right there).
 */
final class FlagLiveness {
    static final int CF = 1, PF = 2, AF = 4, ZF = 8, SF = 16, OF = 32, ALL = 63;

    private FlagLiveness() {
    }

    /** For each instruction, whether some flag it writes is live after it. */
    static boolean[] flagsNeeded(Instruction[] trace) {
        boolean[] needed = new boolean[trace.length];
        int live = ALL;
        for (int i = trace.length - 1; i >= 0; i--) {
            Instruction insn = trace[i];
            boolean specialised = BlockCompiler.specialised(insn);
            int after = mayStore(insn, specialised) ? ALL : live;
            int writes = specialised ? writes(insn) : 0;
            needed[i] = (writes & after) != 0;
            live = mayFault(insn, specialised) ? ALL : (after & ~writes) | reads(insn, specialised);
        }
        return needed;
    }

    /** The flags a specialised instruction sets (the ones the code generator may leave out). */
    static int writes(Instruction insn) {
        return switch (insn.op) {
            case Op.ADD, Op.OR, Op.ADC, Op.SBB, Op.AND, Op.SUB, Op.XOR, Op.CMP, Op.TEST, Op.NEG -> ALL;
            case Op.SHL, Op.SAL, Op.SHR, Op.SAR -> ALL; // specialised only with a non-zero count
            case Op.INC, Op.DEC -> ALL & ~CF;
            case Op.IMUL -> CF | OF;
            default -> 0;
        };
    }

    private static int reads(Instruction insn, boolean specialised) {
        if (!specialised) {
            return ALL;
        }
        return switch (insn.op) {
            case Op.ADC, Op.SBB -> CF;
            case Op.JCC, Op.SETCC, Op.CMOVCC -> condition(insn.cond);
            default -> 0;
        };
    }

    /** The flags condition code {@code cond} tests (see Flags.condition). */
    static int condition(int cond) {
        return switch (cond >> 1) {
            case 0 -> OF;
            case 1 -> CF;
            case 2 -> ZF;
            case 3 -> CF | ZF;
            case 4 -> SF;
            case 5 -> PF;
            case 6 -> SF | OF;
            default -> ZF | SF | OF;
        };
    }

    /** Memory accesses and anything the executor runs may fault; LEA and NOP do not touch their memory operand. */
    private static boolean mayFault(Instruction insn, boolean specialised) {
        if (!specialised) {
            return true;
        }
        switch (insn.op) {
            case Op.PUSH, Op.POP, Op.CALL, Op.RET:
                return true;
            case Op.LEA, Op.NOP:
                return false;
            default:
                for (Operand o : insn.operands) {
                    if (o.isMem()) {
                        return true;
                    }
                }
                return false;
        }
    }

    /** Stores, after which generated code checks that the trace was not overwritten. */
    private static boolean mayStore(Instruction insn, boolean specialised) {
        if (!specialised) {
            return true;
        }
        return switch (insn.op) {
            case Op.PUSH, Op.CALL -> true;
            case Op.MOV, Op.SETCC, Op.INC, Op.DEC, Op.NEG, Op.NOT, Op.SHL, Op.SAL, Op.SHR, Op.SAR ->
                    insn.operands[0].isMem();
            case Op.ADD, Op.OR, Op.ADC, Op.SBB, Op.AND, Op.SUB, Op.XOR, Op.CMP, Op.TEST ->
                    insn.operands[0].isMem() && Alu.writesResult(insn.op);
            default -> false;
        };
    }
}
