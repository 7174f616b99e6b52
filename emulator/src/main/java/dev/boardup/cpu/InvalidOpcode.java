package dev.boardup.cpu;

/** #UD: the bytes at RIP are not an instruction this CPU implements. The guest gets SIGILL. */
public final class InvalidOpcode extends CpuException {
    private static final long serialVersionUID = 1L;
    public final long rip;
    public final byte[] bytes;

    public InvalidOpcode(long rip, byte[] bytes) {
        this.rip = rip;
        this.bytes = bytes;
    }

    @Override
    public int vector() {
        return 6;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder(String.format("#UD invalid opcode at rip 0x%x:", rip));
        for (byte b : bytes) {
            sb.append(String.format(" %02x", b & 0xFF));
        }
        return sb.toString();
    }
}
