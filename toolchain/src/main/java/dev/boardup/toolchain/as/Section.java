package dev.boardup.toolchain.as;

import dev.boardup.toolchain.elf.Elf;
import java.util.ArrayList;
import java.util.List;

/** An output section being assembled: its header fields, its items, and after layout its bytes and relocations. */
final class Section {
    final String name;
    int type;
    long flags;
    long entsize;
    long alignment = 1;
    final List<Item> items = new ArrayList<>();
    final Symbol symbol;
    int index;

    /** Filled in by layout. */
    byte[] data = new byte[0];
    long size;
    final List<Relocation> relocations = new ArrayList<>();
    final List<Relocation> lateRelocations = new ArrayList<>();

    /** Local .comm blocks: gas allocates them in .bss subsection 1, after everything else. */
    final List<Item> localCommons = new ArrayList<>();

    Section(String name, int type, long flags, Symbol symbol) {
        this.name = name;
        this.type = type;
        this.flags = flags;
        this.symbol = symbol;
    }

    boolean isCode() {
        return (flags & Elf.SHF_EXECINSTR) != 0;
    }

    boolean isNobits() {
        return type == Elf.SHT_NOBITS;
    }

    /**
     * gas's frags: a run of fixed-size contents, ended by anything whose size is settled only at layout (a relaxable
     * jump, an alignment, a LEB128 of a later value). Differences between labels of one frag are known at once.
     */
    int frag;
    private long fragOffset;

    void add(Item item) {
        items.add(item);
        switch (item) {
            case Item.Bytes b -> fragOffset += b.bytes().length;
            case Item.Label l -> {
                l.symbol().frag = frag;
                l.symbol().fragOffset = fragOffset;
            }
            default -> {
                frag++;
                fragOffset = 0;
            }
        }
    }

    /** One relocation entry for .rela.NAME. */
    record Relocation(long offset, int type, Symbol symbol, long addend) {}
}
