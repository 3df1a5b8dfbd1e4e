internal import CFortress

#if canImport(Glibc)
    import Glibc
#endif

/// A secret held in memory the rest of the program cannot copy by accident.
///
/// The bytes live in `memfd_secret(2)` pages where the kernel offers them (removed from the
/// kernel's direct map: even root reading /proc/PID/mem gets EIO), otherwise in an anonymous
/// mapping that is mlock'd, excluded from core dumps and wiped on fork. The type is
/// non-copyable, so `print(secret)`, string interpolation, `Mirror` and `as Any` do not compile;
/// the only way to the bytes is ``exposeBytes(_:)``, internal to this module (no other module
/// can compile a call) and called from ``Credential`` alone, which builds the request headers
/// from it. The region is registered with the exit funnel, so every exit path zeroes it.
package struct SecretBuffer: ~Copyable, @unchecked Sendable {
    // @unchecked: the region is written once, before any other thread exists, and only read after.
    package enum Backing: Sendable { case memfdSecret, lockedAnonymous }

    /// One page: a Coolify token is about 50 bytes; anything near this size is not a token.
    /// The startup capture allocates its regions with the same size (CFortressStartupCapacity).
    package static let capacity = 4096

    private let region: UnsafeMutableRawPointer
    private let fd: Int32
    package let count: Int
    package let backing: Backing

    /// Allocates the region and lets `fill` write up to `capacity` bytes into it; `fill` returns
    /// how many it wrote. The region is zeroed and released if `fill` throws.
    package init(
        filling fill: (UnsafeMutableRawBufferPointer) throws(FortressError) -> Int
    ) throws(FortressError) {
        var kind: Int32 = 0
        var fd: Int32 = -1
        guard let region = CFortress_secret_alloc(Self.capacity, &kind, &fd) else {
            throw FortressError(.secretMemory(errno: errno))
        }
        _ = CFortress_register_secret(region, Self.capacity)
        let count: Int
        do {
            count = try fill(UnsafeMutableRawBufferPointer(start: region, count: Self.capacity))
        } catch {
            CFortress_unregister_secret(region)
            CFortress_secret_free(region, Self.capacity, fd)
            throw error
        }
        self.region = region
        self.fd = fd
        self.count = min(max(count, 0), Self.capacity)
        self.backing = kind == Int32(CFortressSecretMemfd.rawValue) ? .memfdSecret : .lockedAnonymous
    }

    /// Takes over a region the startup constructor filled (already registered with the exit
    /// funnel). `check` sees the bytes once; if it throws, the region is zeroed and released.
    init(
        adopting region: CFortressSecretRegion,
        check: (UnsafeRawBufferPointer) throws(FortressError) -> Void
    ) throws(FortressError) {
        guard let bytes = region.bytes else { throw FortressError(.secretMemory(errno: EINVAL)) }
        let count = min(region.length, Self.capacity)
        do {
            try check(UnsafeRawBufferPointer(start: bytes, count: count))
        } catch {
            CFortress_unregister_secret(bytes)
            CFortress_secret_free(bytes, Self.capacity, region.fd)
            throw error
        }
        self.region = bytes
        self.fd = region.fd
        self.count = count
        self.backing = region.kind == Int32(CFortressSecretMemfd.rawValue) ? .memfdSecret : .lockedAnonymous
    }

    /// The single exposure point, internal to Fortress. Audit callers with: git grep exposeBytes
    func exposeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: region, count: count))
    }

    deinit {
        CFortress_unregister_secret(region)
        CFortress_secret_free(region, Self.capacity, fd)
    }
}
