#ifndef CSOCKETS_H
#define CSOCKETS_H
// Linux socket calls that Swift's Glibc module does not export: epoll and accept4.
//
// This header includes no system header on purpose. It is compiled as a Clang module beside Swift's Glibc
// module; a system header included here (textually, or with other feature macros) makes Clang attribute
// its declarations (fd_set, SOCK_STREAM, …) to this module, which then clash with Glibc's or vanish from
// Swift files that do not import CSockets. So the calls are defined out of line in csockets.c, which
// includes what it likes, and this interface uses plain integer types only.
#include <stdint.h>

/// One ready descriptor: what `struct epoll_event` reports, with the descriptor as its data.
typedef struct {
    uint32_t events;
    int32_t fd;
} csockets_event;

/// The epoll event bits (EPOLLIN, …), from <sys/epoll.h>.
extern const uint32_t csockets_epollin, csockets_epollout, csockets_epollerr, csockets_epollhup,
    csockets_epollrdhup, csockets_epollet;

/// epoll_create1(EPOLL_CLOEXEC).
int csockets_epoll_create(void);
/// epoll_ctl(EPOLL_CTL_ADD) for `events`, with `fd` as the event data.
int csockets_epoll_add(int epfd, int fd, uint32_t events);
/// epoll_ctl(EPOLL_CTL_DEL).
int csockets_epoll_remove(int epfd, int fd);
/// epoll_wait into `events` (at most 512 per call); the count, or -1 with errno set.
int csockets_epoll_wait(int epfd, csockets_event *events, int maxevents, int timeout);
/// accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC): one syscall for the connection and its flags.
int csockets_accept(int fd);
#endif
