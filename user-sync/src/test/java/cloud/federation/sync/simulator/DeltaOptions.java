package cloud.federation.sync.simulator;

/** The knobs of {@link GraphSimulator} that shape delta pages; written by tests, read per request. */
final class DeltaOptions {
    volatile int pageSize = 100;
    volatile int emptyPageEvery;
    volatile int memberSliceSize = 20;
    volatile boolean duplicateEveryObject;
    volatile boolean changedPropertiesOnly = true;
    volatile boolean repeatGroupPropertiesInSlices;
}
