package dev.boardup.debug;

/** A data watchpoint: a byte range and the kinds of access (gdb's Z2 write, Z3 read, Z4 access) that stop on it. */
record Watchpoint(long address, int length, Kind kind) {

    /** Which accesses trigger, with the name gdb's stop reply uses for it. */
    enum Kind {
        WRITE("watch"), READ("rwatch"), ACCESS("awatch");

        final String stopName;

        Kind(String stopName) {
            this.stopName = stopName;
        }

        boolean triggeredBy(boolean write) {
            return this == ACCESS || (this == WRITE) == write;
        }
    }

    boolean overlaps(long va, int size) {
        return va < address + length && address < va + size;
    }
}
