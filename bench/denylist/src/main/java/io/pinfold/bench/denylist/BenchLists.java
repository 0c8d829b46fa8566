package io.pinfold.bench.denylist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.pinfold.denylist.Denylist;
import io.pinfold.denylist.DenylistParser;

/** Where the generated lists are (system properties set by {@code DenylistBench} for every JMH fork), and loading them. */
final class BenchLists {

    static final String DIR = "pinfold.bench.dir";
    static final String SEED = "pinfold.bench.seed";
    static final String ENTRIES = "pinfold.bench.entries";

    private BenchLists() {
    }

    static GeneratedLists generated() {
        return new GeneratedLists(Long.getLong(SEED, 383), Integer.getInteger(ENTRIES, 1_000_000));
    }

    static Path file(String list) {
        String dir = System.getProperty(DIR);
        if (dir == null) {
            throw new IllegalStateException("-D" + DIR + " is not set: run bench/denylist/run");
        }
        return Path.of(dir).resolve(list.equals("plain") ? GeneratedLists.PLAIN : GeneratedLists.DOUBLE);
    }

    static Denylist library(String list) throws IOException {
        try (InputStream in = Files.newInputStream(file(list))) {
            return Denylist.read(in);
        }
    }

    static NaiveDenylist baseline(String list) throws IOException {
        NaiveDenylist naive = new NaiveDenylist();
        try (InputStream in = Files.newInputStream(file(list))) {
            new DenylistParser().parse(in, naive);
        }
        return naive;
    }
}
