package io.junction.sfu.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.junction.sfu.alloc.Allocation;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The size of an up-switch trial: cheapest step, everything wanted, at most doubling. */
class BandwidthAllocationTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "nothing wanted beyond the allocation    | 400000 | 1000000 | 1000000 | 0",
            "no step possible                        |     -1 | 1000000 | 3000000 | 0",
            "everything wanted fits in a doubling    | 200000 | 1000000 | 1500000 | 575000",
            "at most the allocation again            | 200000 | 1000000 | 5000000 | 1000000",
            "at least the cheapest step              | 900000 |  500000 | 5000000 | 900000",
    })
    void upStep(String name, long cheapest, long allocated, long wanted, long expected) {
        Allocation a = new Allocation(List.of(), allocated, wanted);
        assertEquals(expected, BandwidthAllocation.upStep(cheapest < 0 ? Long.MAX_VALUE : cheapest, a), name);
    }
}
