package dev.boardup.cpu;

/** #BP from INT3. RIP already points past the INT3 byte, as on hardware. The guest gets SIGTRAP. */
public final class Breakpoint extends CpuException {
    private static final long serialVersionUID = 1L;

    @Override
    public int vector() {
        return 3;
    }

    @Override
    public String describe() {
        return "#BP breakpoint";
    }
}
