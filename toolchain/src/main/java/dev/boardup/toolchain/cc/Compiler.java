package dev.boardup.toolchain.cc;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** The C compiler: preprocessed C11 source text in, GNU AT&T x86-64 assembly text out. */
public final class Compiler {
    /** Stack for the compiling thread: deep but legal expressions recurse once per operator. */
    private static final long STACK_SIZE = 512L << 20;

    private Compiler() { }

    /**
     * Compiles one preprocessed translation unit.
     *
     * @throws CompileError for any invalid input, with the location of the problem
     */
    public static String compile(String preprocessedSource, String fileName, CompileOptions options) {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> result.set(compileHere(preprocessedSource, fileName, options)), "boardup-cc", STACK_SIZE);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Object r = result.get();
        if (r instanceof String s) return s;
        if (r instanceof CompileError e) throw e;
        throw new CompileError(fileName, 1, 1, "internal compiler error", null);
    }

    private static Object compileHere(String src, String fileName, CompileOptions options) {
        try {
            List<Token> tokens = Tokenizer.tokenize(src, fileName);
            List<Obj> prog = Parser.parse(tokens);
            return Codegen.generate(prog, options, fileName);
        } catch (CompileError e) {
            return e;
        } catch (StackOverflowError e) {
            return new CompileError(fileName, 1, 1, "program too deeply nested to compile", null);
        } catch (RuntimeException e) {
            if (Boolean.getBoolean("boardup.cc.debug")) e.printStackTrace();
            return new CompileError(fileName, 1, 1, "internal compiler error: " + e, null);
        }
    }
}
