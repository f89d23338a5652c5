// Empty: the wrappers are static inline in include/csockets.h.
