// Debian's libsystemc.so refers to sc_main (its own main() calls it). Lumen's programs have
// their own main() and run the kernel with sc_start(), so this definition only satisfies the
// linker; it is never called.
extern "C" int sc_main(int, char*[]) {
  return 1;
}
