package dev.boardup.debug;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The address-to-source-line map of an ELF file: its {@code .debug_line} programs (DWARF 2 to 5, as gcc 12 and our
 * assembler emit them) run into rows. Each row says: the instruction at this address starts (part of) this line.
 */
final class DwarfLines {
    private static final int DW_LNS_COPY = 1, DW_LNS_ADVANCE_PC = 2, DW_LNS_ADVANCE_LINE = 3, DW_LNS_SET_FILE = 4;
    private static final int DW_LNS_SET_COLUMN = 5, DW_LNS_NEGATE_STMT = 6, DW_LNS_SET_BASIC_BLOCK = 7;
    private static final int DW_LNS_CONST_ADD_PC = 8, DW_LNS_FIXED_ADVANCE_PC = 9;
    private static final int DW_LNE_END_SEQUENCE = 1, DW_LNE_SET_ADDRESS = 2, DW_LNE_DEFINE_FILE = 3;
    private static final int DW_LNCT_PATH = 1, DW_LNCT_DIRECTORY_INDEX = 2;
    private static final int DW_FORM_BLOCK = 0x09, DW_FORM_DATA1 = 0x0B, DW_FORM_DATA2 = 0x05, DW_FORM_DATA4 = 0x06;
    private static final int DW_FORM_DATA8 = 0x07, DW_FORM_DATA16 = 0x1E, DW_FORM_STRING = 0x08, DW_FORM_STRP = 0x0E;
    private static final int DW_FORM_UDATA = 0x0F, DW_FORM_LINE_STRP = 0x1F;

    /**
     * One row: {@code end} marks the first address after a sequence (no instruction of it lives there). The file is
     * the name as the compiler recorded it (for gcc, usually as given on its command line).
     */
    record Row(long address, String file, int line, boolean isStmt, boolean end) {}

    /** Rows sorted by address; within one address, in program order. */
    private final List<Row> rows = new ArrayList<>();

    private final ByteBuffer lineStr, str;

    private DwarfLines(ElfImage elf) {
        this.lineStr = sectionBuffer(elf, ".debug_line_str");
        this.str = sectionBuffer(elf, ".debug_str");
        ByteBuffer b = sectionBuffer(elf, ".debug_line");
        while (b != null && b.remaining() > 0) {
            unit(b);
        }
        rows.sort(Comparator.comparingLong(Row::address).thenComparing(r -> !r.end()));
    }

    /** The line table of {@code elf}; empty when it has no .debug_line. Malformed tables are an IllegalArgumentException. */
    static DwarfLines of(ElfImage elf) {
        try {
            return new DwarfLines(elf);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed .debug_line: " + e);
        }
    }

    private static ByteBuffer sectionBuffer(ElfImage elf, String name) {
        ElfImage.Section s = elf.section(name);
        return s == null ? null : ByteBuffer.wrap(elf.contents(s)).order(ByteOrder.LITTLE_ENDIAN);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    List<Row> rows() {
        return rows;
    }

    /** The row covering {@code pc}: the last one at or below it in a sequence that has not ended; null if none. */
    Row at(long pc) {
        int i = floor(pc);
        if (i < 0) return null;
        Row r = rows.get(i);
        return r.end() || r.line() == 0 ? null : r;
    }

    /** Whether some (statement) row begins exactly at {@code pc}: pc is the first instruction of a line. */
    boolean startsLine(long pc) {
        int i = floor(pc);
        while (i >= 0 && rows.get(i).address() == pc) {
            Row r = rows.get(i);
            if (!r.end() && r.isStmt() && r.line() != 0) return true;
            i--;
        }
        return false;
    }

    /**
     * The addresses [from, to) of the run of rows around {@code pc} that stay on pc's line: the range a source-line
     * step must leave.
     */
    long[] lineRange(long pc) {
        int i = floor(pc);
        Row here = rows.get(i);
        int lo = i, hi = i + 1;
        while (lo > 0 && sameLine(rows.get(lo - 1), here)) lo--;
        while (hi < rows.size() && sameLine(rows.get(hi), here)) hi++;
        long to = hi < rows.size() ? rows.get(hi).address() : Long.MAX_VALUE;
        return new long[] {rows.get(lo).address(), to};
    }

    private static boolean sameLine(Row r, Row line) {
        return !r.end() && r.line() == line.line() && r.file().equals(line.file());
    }

    /**
     * The lowest statement address of {@code line} in the file whose name ends with {@code file} (a basename or a
     * path suffix), or of the next line that has code, as gdb picks for "break file:line"; -1 when none.
     */
    long addressOf(String file, int line) {
        int best = Integer.MAX_VALUE;
        long address = -1;
        for (Row r : rows) {
            if (r.end() || !r.isStmt() || r.line() < line || !sameFile(r.file(), file)) continue;
            if (r.line() < best || (r.line() == best && Long.compareUnsigned(r.address(), address) < 0)) {
                best = r.line();
                address = r.address();
            }
        }
        return address;
    }

    private static boolean sameFile(String recorded, String asked) {
        return recorded.equals(asked) || recorded.endsWith("/" + asked) || asked.endsWith("/" + recorded);
    }

    /**
     * Where a function's body starts, past its prologue, as gdb places "break FUNCTION": the second line-table
     * address inside the function (the first is where its opening line starts). The function's start when it has
     * no line rows, or only one.
     */
    long afterPrologue(long start, long end) {
        if (at(start) == null) return start;
        for (Row r : rows) {
            if (r.address() > start && r.address() < end && !r.end() && r.line() != 0) {
                return r.address();
            }
        }
        return start;
    }

    private int floor(long pc) {
        int lo = 0, hi = rows.size() - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (rows.get(mid).address() <= pc) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        // Among rows at one address the last wins: an end of sequence sorts before a sequence starting there.
        return found;
    }

    // ---- one line-number program unit ----

    /** The header fields the state machine needs. */
    private record Header(int version, int minInstLength, boolean defaultIsStmt, int lineBase, int lineRange,
                          int opcodeBase, int[] standardLengths, List<String> files) {}

    private void unit(ByteBuffer b) {
        long length = b.getInt() & 0xFFFFFFFFL;
        boolean dwarf64 = length == 0xFFFFFFFFL;
        if (dwarf64) length = b.getLong();
        int end = Math.toIntExact(b.position() + length);
        int version = b.getShort() & 0xFFFF;
        if (version < 2 || version > 5) {
            throw new IllegalArgumentException("DWARF version " + version);
        }
        if (version >= 5) {
            b.get(); // address_size
            b.get(); // segment_selector_size
        }
        long headerLength = dwarf64 ? b.getLong() : b.getInt() & 0xFFFFFFFFL;
        int program = Math.toIntExact(b.position() + headerLength);
        int minInst = b.get() & 0xFF;
        if (version >= 4) b.get(); // maximum_operations_per_instruction: 1 on x86
        boolean defaultIsStmt = b.get() != 0;
        int lineBase = b.get();
        int lineRange = b.get() & 0xFF;
        int opcodeBase = b.get() & 0xFF;
        int[] lengths = new int[opcodeBase];
        for (int i = 1; i < opcodeBase; i++) lengths[i] = b.get() & 0xFF;
        List<String> files = version >= 5 ? filesV5(b, dwarf64) : filesV4(b);
        Header h = new Header(version, minInst, defaultIsStmt, lineBase, lineRange, opcodeBase, lengths, files);
        b.position(program);
        run(b, end, h);
        b.position(end);
    }

    /** DWARF 2-4: include_directories then file_names, each list ended by an empty string; files count from 1. */
    private static List<String> filesV4(ByteBuffer b) {
        List<String> dirs = new ArrayList<>();
        dirs.add(""); // directory 0 is the compilation directory
        for (String d = cstring(b); !d.isEmpty(); d = cstring(b)) dirs.add(d);
        List<String> files = new ArrayList<>();
        files.add(""); // file 0 does not exist before DWARF 5
        for (String f = cstring(b); !f.isEmpty(); f = cstring(b)) {
            int dir = (int) uleb(b);
            uleb(b); // modification time
            uleb(b); // length
            files.add(path(dirs, dir, f));
        }
        return files;
    }

    /**
     * A file's name as gdb shows it: joined to its directory, unless that is the compilation directory (index 0)
     * or the name is absolute already.
     */
    private static String path(List<String> dirs, int dir, String name) {
        if (dir <= 0 || dir >= dirs.size() || name.startsWith("/")) return name;
        String d = dirs.get(dir);
        return d.endsWith("/") ? d + name : d + "/" + name;
    }

    /** DWARF 5: self-describing directory and file entry formats; files count from 0 (the primary source). */
    private List<String> filesV5(ByteBuffer b, boolean dwarf64) {
        List<String> dirs = new ArrayList<>();
        for (String[] d : entries(b, dwarf64)) dirs.add(d[0]);
        List<String> files = new ArrayList<>();
        for (String[] f : entries(b, dwarf64)) files.add(path(dirs, Integer.parseInt(f[1]), f[0]));
        return files;
    }

    /** One DWARF 5 entry list; returns each entry's DW_LNCT_path and DW_LNCT_directory_index. */
    private List<String[]> entries(ByteBuffer b, boolean dwarf64) {
        int formatCount = b.get() & 0xFF;
        long[][] format = new long[formatCount][];
        for (int i = 0; i < formatCount; i++) format[i] = new long[] {uleb(b), uleb(b)};
        long count = uleb(b);
        List<String[]> entries = new ArrayList<>();
        for (long n = 0; n < count; n++) {
            String path = "";
            long dir = 0;
            for (long[] f : format) {
                Object v = attribute(b, (int) f[1], dwarf64);
                if (f[0] == DW_LNCT_PATH && v instanceof String s) path = s;
                if (f[0] == DW_LNCT_DIRECTORY_INDEX && v instanceof Long l) dir = l;
            }
            entries.add(new String[] {path, Long.toString(dir)});
        }
        return entries;
    }

    private Object attribute(ByteBuffer b, int form, boolean dwarf64) {
        return switch (form) {
            case DW_FORM_STRING -> cstring(b);
            case DW_FORM_LINE_STRP -> cstringAt(lineStr, dwarf64 ? b.getLong() : b.getInt() & 0xFFFFFFFFL);
            case DW_FORM_STRP -> cstringAt(str, dwarf64 ? b.getLong() : b.getInt() & 0xFFFFFFFFL);
            case DW_FORM_UDATA -> uleb(b);
            case DW_FORM_DATA1 -> (long) (b.get() & 0xFF);
            case DW_FORM_DATA2 -> (long) (b.getShort() & 0xFFFF);
            case DW_FORM_DATA4 -> (long) b.getInt();
            case DW_FORM_DATA8 -> b.getLong();
            case DW_FORM_DATA16 -> skip(b, 16);
            case DW_FORM_BLOCK -> skip(b, Math.toIntExact(uleb(b)));
            default -> throw new IllegalArgumentException("unsupported form 0x" + Integer.toHexString(form));
        };
    }

    private static Object skip(ByteBuffer b, int n) {
        b.position(b.position() + n);
        return null;
    }

    /** The line-number state machine (DWARF 5 section 6.2.2), appending a row at each copy, special opcode and end. */
    private void run(ByteBuffer b, int end, Header h) {
        long address = 0;
        int file = 1, line = 1;
        boolean isStmt = h.defaultIsStmt();
        while (b.position() < end) {
            int op = b.get() & 0xFF;
            if (op >= h.opcodeBase()) {
                int adjusted = op - h.opcodeBase();
                address += (long) (adjusted / h.lineRange()) * h.minInstLength();
                line += h.lineBase() + adjusted % h.lineRange();
                emit(h, address, file, line, isStmt, false);
                continue;
            }
            switch (op) {
                case 0 -> {
                    long len = uleb(b);
                    int next = Math.toIntExact(b.position() + len);
                    int sub = b.get() & 0xFF;
                    if (sub == DW_LNE_END_SEQUENCE) {
                        emit(h, address, file, line, isStmt, true);
                        address = 0;
                        file = 1;
                        line = 1;
                        isStmt = h.defaultIsStmt();
                    } else if (sub == DW_LNE_SET_ADDRESS) {
                        address = len - 1 == 8 ? b.getLong() : b.getInt() & 0xFFFFFFFFL;
                    } else if (sub == DW_LNE_DEFINE_FILE) {
                        h.files().add(cstring(b));
                    }
                    b.position(next);
                }
                case DW_LNS_COPY -> emit(h, address, file, line, isStmt, false);
                case DW_LNS_ADVANCE_PC -> address += uleb(b) * h.minInstLength();
                case DW_LNS_ADVANCE_LINE -> line += (int) sleb(b);
                case DW_LNS_SET_FILE -> file = (int) uleb(b);
                case DW_LNS_SET_COLUMN -> uleb(b);
                case DW_LNS_NEGATE_STMT -> isStmt = !isStmt;
                case DW_LNS_SET_BASIC_BLOCK -> { }
                case DW_LNS_CONST_ADD_PC -> address += (long) ((255 - h.opcodeBase()) / h.lineRange()) * h.minInstLength();
                case DW_LNS_FIXED_ADVANCE_PC -> address += b.getShort() & 0xFFFF;
                default -> {
                    for (int i = 0; i < h.standardLengths()[op]; i++) uleb(b);
                }
            }
        }
    }

    private void emit(Header h, long address, int file, int line, boolean isStmt, boolean end) {
        String name = file >= 0 && file < h.files().size() ? h.files().get(file) : "??";
        rows.add(new Row(address, name, line, isStmt, end));
    }

    private static long uleb(ByteBuffer b) {
        long v = 0;
        int shift = 0;
        byte x;
        do {
            x = b.get();
            if (shift < 64) v |= (long) (x & 0x7F) << shift;
            shift += 7;
        } while (x < 0);
        return v;
    }

    private static long sleb(ByteBuffer b) {
        long v = 0;
        int shift = 0;
        byte x;
        do {
            x = b.get();
            if (shift < 64) v |= (long) (x & 0x7F) << shift;
            shift += 7;
        } while (x < 0);
        if (shift < 64 && (x & 0x40) != 0) v |= -1L << shift;
        return v;
    }

    private static String cstring(ByteBuffer b) {
        int start = b.position();
        while (b.get() != 0) { }
        byte[] s = new byte[b.position() - start - 1];
        b.get(start, s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static String cstringAt(ByteBuffer b, long offset) {
        if (b == null) return "";
        ByteBuffer d = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        d.position(Math.toIntExact(offset));
        return cstring(d);
    }
}
