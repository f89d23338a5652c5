// accept4 is declared only under _GNU_SOURCE; this file is compiled on its own, so defining it is safe here
// (unlike in the module header, see csockets.h).
#define _GNU_SOURCE
#include <stddef.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include "csockets.h"

const uint32_t csockets_epollin = EPOLLIN, csockets_epollout = EPOLLOUT, csockets_epollerr = EPOLLERR,
    csockets_epollhup = EPOLLHUP, csockets_epollrdhup = EPOLLRDHUP, csockets_epollet = EPOLLET;

int csockets_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int csockets_epoll_add(int epfd, int fd, uint32_t events) {
    struct epoll_event event = {.events = events, .data = {.fd = fd}};
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &event);
}

int csockets_epoll_remove(int epfd, int fd) { return epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL); }

int csockets_epoll_wait(int epfd, csockets_event *events, int maxevents, int timeout) {
    // struct epoll_event is packed on x86_64; copying into our plain struct keeps that out of Swift.
    struct epoll_event ready[512];
    int count = epoll_wait(epfd, ready, maxevents < 512 ? maxevents : 512, timeout);
    for (int i = 0; i < count; i++) {
        events[i].events = ready[i].events;
        events[i].fd = ready[i].data.fd;
    }
    return count;
}

int csockets_accept(int fd) { return accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC); }
