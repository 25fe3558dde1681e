// How many times slower a sanitizer build runs the engine (ThreadSanitizer
// about 5-15x, AddressSanitizer about 2-3x): multiplies hang guards and run
// timeouts in tests, never a bound a test judges speed by. Test-only.
#pragma once

namespace il::test {

#if defined(__SANITIZE_THREAD__)
inline constexpr int kSanitizerSlowdown = 5;
#elif defined(__SANITIZE_ADDRESS__)
inline constexpr int kSanitizerSlowdown = 3;
#else
inline constexpr int kSanitizerSlowdown = 1;
#endif

} // namespace il::test
