package dev.boardup.cpu.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boardup.cpu.CpuState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interpreter's decoded-instruction cache forgets exactly the instructions with a byte in an invalidated range:
 * one whose last byte was rewritten, whatever the range's size, and none when the range is far from any code.
 */
class InterpreterCacheTest {
    static final long BASE = 0x400000, CODE = 0x401000;

    FlatMemory mem;
    CpuState cpu;
    Interpreter engine;

    @BeforeEach
    void setUp() {
        mem = new FlatMemory(BASE, 0x200000);
        cpu = new CpuState();
        engine = new Interpreter();
    }

    /** mov $imm, %eax (5 bytes) at CODE, run once; returns eax. */
    private long runMov() {
        cpu.rip = CODE;
        engine.run(cpu, mem, 1);
        return cpu.gpr[CpuState.RAX];
    }

    private void setImmediateLowByte(int value) {
        mem.load(CODE, new byte[] {(byte) 0xB8, (byte) value, 0, 0, 0});
    }

    @Test
    void aWriteToAnInstructionsLastByteDropsIt() {
        setImmediateLowByte(1);
        assertEquals(1, runMov());
        mem.load(CODE + 4, new byte[] {7}); // the immediate's top byte, four bytes after the opcode
        engine.invalidate(CODE + 4, CODE + 5);
        assertEquals(0x07000001L, runMov());
    }

    @Test
    void aPageSizedAndAHugeRangeBothDropTheCodeInThem() {
        setImmediateLowByte(1);
        assertEquals(1, runMov());
        setImmediateLowByte(2);
        engine.invalidate(CODE & ~0xFFFL, (CODE & ~0xFFFL) + 4096);
        assertEquals(2, runMov());
        setImmediateLowByte(3);
        engine.invalidate(BASE, BASE + 0x200000);
        assertEquals(3, runMov());
    }

    @Test
    void addressSpacesTakingTurnsEachRunTheirOwnCode() {
        FlatMemory[] spaces = new FlatMemory[6]; // more than the interpreter keeps: the oldest are decoded anew
        for (int i = 0; i < spaces.length; i++) {
            spaces[i] = new FlatMemory(BASE, 0x2000);
            spaces[i].load(CODE, new byte[] {(byte) 0xB8, (byte) (10 + i), 0, 0, 0});
        }
        for (int round = 0; round < 3; round++) {
            for (int i : new int[] {0, 1, 0, 2, 3, 4, 5, 1, 5, 0}) {
                cpu.rip = CODE;
                engine.run(cpu, spaces[i], 1);
                assertEquals(10 + i, cpu.gpr[CpuState.RAX], "space " + i);
            }
        }
    }

    @Test
    void aRangeAwayFromTheCodeKeepsIt() {
        setImmediateLowByte(1);
        assertEquals(1, runMov());
        setImmediateLowByte(2); // not reported for the code's range: the cached decoding stays in use
        engine.invalidate(CODE + 0x10000, CODE + 0x20000);
        engine.invalidate(CODE - 0x10000, CODE - 0x8000);
        assertEquals(1, runMov());
        engine.invalidate(CODE + 0x10, CODE + 0x100000); // a munmap-sized range just past the instruction
        assertEquals(1, runMov());
    }
}
