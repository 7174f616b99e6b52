package dev.boardup.toolchain.driver;

import java.io.PrintWriter;
import java.util.spi.ToolProvider;

/** {@code boardup cc} as a {@link ToolProvider} named "boardup-cc", for in-process callers (tests, the launcher). */
public final class CcToolProvider implements ToolProvider {
    @Override
    public String name() {
        return "boardup-cc";
    }

    @Override
    public int run(PrintWriter out, PrintWriter err, String... args) {
        return CcDriver.run(out, err, args);
    }
}
