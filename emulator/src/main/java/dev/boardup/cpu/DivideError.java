package dev.boardup.cpu;

/** #DE: division by zero or a quotient that does not fit the destination. The guest gets SIGFPE. */
public final class DivideError extends CpuException {
    private static final long serialVersionUID = 1L;

    @Override
    public int vector() {
        return 0;
    }

    @Override
    public String describe() {
        return "#DE divide error";
    }
}
