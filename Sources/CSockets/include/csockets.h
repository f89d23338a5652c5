#ifndef CSOCKETS_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#define CSOCKETS_H
// Linux socket calls that Swift's Glibc module does not export (epoll, accept4), re-exported as-is.
#include <sys/epoll.h>
#include <sys/socket.h>

static inline int csockets_epoll_create1(int flags) { return epoll_create1(flags); }
static inline int csockets_epoll_ctl(int epfd, int op, int fd, struct epoll_event *event) { return epoll_ctl(epfd, op, fd, event); }
static inline int csockets_epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout) {
    return epoll_wait(epfd, events, maxevents, timeout);
}
static inline int csockets_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
    return accept4(fd, address, length, flags);
}
#endif
