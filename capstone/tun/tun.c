/*
 * A TUN device for Node: the one piece of the capstone that is not TypeScript.
 *
 * A TUN device is a network interface whose "wire" is a file descriptor: every
 * IP packet the kernel routes into the interface can be read from the fd, and
 * every packet written to the fd arrives as if it had come in from a network
 * (linux Documentation/networking/tuntap.rst). The tunnel daemon reads the
 * packets it must protect here and writes back the ones it has decrypted.
 *
 * JS API: open(name, onPacket) -> { name, write(buffer), close() }
 *   onPacket(buffer)  one IP packet per call, from the event loop of the
 *                     thread that opened the device
 *   write(buffer)     one packet per call; true = queued, false = the kernel's
 *                     queue is full (EAGAIN: the packet is dropped, nothing
 *                     blocks); throws on any other error
 *   close()           stops reading and closes the fd, which deletes the
 *                     device; calling it again does nothing
 *
 * Nothing here blocks: the fd is non-blocking and libuv's event loop tells us
 * when it is readable (uv_poll), so no thread sits in read() and
 * process.exit() or the end of the program never waits for one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <node_api.h>
#include <uv.h>

typedef struct {
  uv_poll_t poll;             /* libuv watches the fd for us */
  int fd;
  napi_env env;
  napi_ref on_packet;         /* the JS callback */
  napi_async_context async;   /* lets async_hooks see our callbacks */
  napi_async_cleanup_hook_handle teardown; /* closes us if a worker thread ends first */
  int torn_down;              /* on_teardown ran: Node waits for on_closed */
  unsigned char buf[65536];   /* one packet: no IP packet is longer */
} Tun;

/* Throws an Error whose .code is the errno name ("EPERM") and whose message says what failed. */
static napi_value throw_errno(napi_env env, const char *what, int err) {
  char msg[256];
  snprintf(msg, sizeof msg, "%s: %s", what, strerror(err));
  napi_throw_error(env, uv_err_name(-err), msg);
  return NULL;
}

/* The fd is readable: hand every waiting packet to JS, each in its own Buffer. */
static void on_readable(uv_poll_t *handle, int status, int events) {
  Tun *t = handle->data;
  (void)events;
  if (status < 0) return;
  napi_handle_scope scope;
  napi_open_handle_scope(t->env, &scope);
  /* At most 64 per wake-up so UDP and timers get their turn under a flood;
     the poll is level-triggered and fires again if packets remain. */
  for (int i = 0; i < 64 && !uv_is_closing((uv_handle_t *)handle); i++) { /* the callback may close() */
    ssize_t n = read(t->fd, t->buf, sizeof t->buf);
    if (n < 0) break; /* EAGAIN: the queue is empty */
    napi_value cb, recv, packet, result;
    napi_get_reference_value(t->env, t->on_packet, &cb);
    napi_get_global(t->env, &recv);
    napi_create_buffer_copy(t->env, (size_t)n, t->buf, NULL, &packet);
    /* make_callback, not call_function: it runs queued promise jobs afterwards, like any I/O callback. */
    if (napi_make_callback(t->env, t->async, recv, cb, 1, &packet, &result) == napi_pending_exception) {
      napi_value err;
      napi_get_and_clear_last_exception(t->env, &err);
      napi_fatal_exception(t->env, err); /* -> process 'uncaughtException', as for any callback */
      break;
    }
  }
  napi_close_handle_scope(t->env, scope);
}

/* libuv has let go of the handle: now the fd may be closed (the kernel then deletes the device). */
static void on_closed(uv_handle_t *handle) {
  Tun *t = handle->data;
  close(t->fd);
  if (t->torn_down) napi_remove_async_cleanup_hook(t->teardown); /* tells Node we are done */
  free(t);
}

static void stop(Tun *t) {
  uv_poll_stop(&t->poll);
  uv_close((uv_handle_t *)&t->poll, on_closed);
}

/* Node is tearing down this JS environment (a worker thread ends) with the
   device still open: close it, or the thread's loop would end with our handle in it. */
static void on_teardown(napi_async_cleanup_hook_handle handle, void *arg) {
  Tun *t = arg;
  (void)handle; /* the same as t->teardown */
  t->torn_down = 1;
  stop(t);
}

static Tun *this_tun(napi_env env, napi_callback_info info, size_t *argc, napi_value *argv, napi_value *self) {
  Tun *t = NULL;
  napi_get_cb_info(env, info, argc, argv, self, NULL);
  if (napi_unwrap(env, *self, (void **)&t) != napi_ok) return NULL; /* closed */
  return t;
}

static napi_value tun_write(napi_env env, napi_callback_info info) {
  size_t argc = 1, len;
  napi_value arg, self, ok;
  void *data;
  Tun *t = this_tun(env, info, &argc, &arg, &self);
  if (t == NULL) return throw_errno(env, "write to a closed TUN device", EBADF);
  if (argc < 1 || napi_get_buffer_info(env, arg, &data, &len) != napi_ok) {
    napi_throw_type_error(env, NULL, "write(packet): packet must be a Buffer or Uint8Array");
    return NULL;
  }
  ssize_t n = write(t->fd, data, len); /* one write = one packet */
  if (n < 0 && errno != EAGAIN) return throw_errno(env, "write to TUN device", errno);
  napi_get_boolean(env, n >= 0, &ok);
  return ok;
}

static napi_value tun_close(napi_env env, napi_callback_info info) {
  size_t argc = 0;
  napi_value self;
  Tun *t = this_tun(env, info, &argc, NULL, &self);
  if (t == NULL) return NULL; /* already closed */
  napi_remove_wrap(env, self, NULL);
  napi_remove_async_cleanup_hook(t->teardown);
  napi_delete_reference(env, t->on_packet);
  napi_async_destroy(env, t->async);
  stop(t);
  return NULL;
}

static napi_value tun_open(napi_env env, napi_callback_info info) {
  size_t argc = 2, len;
  napi_value argv[2], obj, value;
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 2 || napi_get_value_string_utf8(env, argv[0], NULL, 0, &len) != napi_ok) {
    napi_throw_type_error(env, NULL, "open(name, onPacket): name must be a string");
    return NULL;
  }
  if (len >= IFNAMSIZ) return throw_errno(env, "a device name has at most 15 characters", ENAMETOOLONG);
  napi_get_value_string_utf8(env, argv[0], ifr.ifr_name, IFNAMSIZ, &len);

  int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return throw_errno(env, "open /dev/net/tun", errno);
  /* TUNSETIFF turns this fd into the device `name` (tuntap.rst 3.1, "Network
     device allocation"). IFF_TUN: IP packets, no Ethernet header. IFF_NO_PI:
     no 4-octet packet information (flags, protocol) in front of each packet
     (3.2, "Frame format"). An empty name or "tun%d" lets the kernel number it. */
  ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
  if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
    int err = errno;
    close(fd);
    return throw_errno(env, "ioctl TUNSETIFF", err);
  }

  Tun *t = calloc(1, sizeof *t);
  t->fd = fd;
  t->env = env;
  t->poll.data = t;
  napi_create_object(env, &obj);
  napi_create_reference(env, argv[1], 1, &t->on_packet);
  napi_create_string_utf8(env, "tun", NAPI_AUTO_LENGTH, &value);
  napi_async_init(env, obj, value, &t->async);
  uv_loop_t *loop;
  napi_get_uv_event_loop(env, &loop);
  uv_poll_init(loop, &t->poll, fd);
  uv_poll_start(&t->poll, UV_READABLE, on_readable);
  napi_wrap(env, obj, t, NULL, NULL, NULL); /* write/close find t through `this` */
  napi_add_async_cleanup_hook(env, on_teardown, t, &t->teardown);

  /* The kernel fills in the name it chose ("tun%d" becomes "tun0"). */
  napi_create_string_utf8(env, ifr.ifr_name, NAPI_AUTO_LENGTH, &value);
  napi_property_descriptor props[] = {
      {"name", NULL, NULL, NULL, NULL, value, napi_enumerable, NULL},
      {"write", NULL, tun_write, NULL, NULL, NULL, napi_default, NULL},
      {"close", NULL, tun_close, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, obj, 3, props);
  return obj;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "open", NAPI_AUTO_LENGTH, tun_open, NULL, &fn);
  napi_set_named_property(env, exports, "open", fn);
  return exports;
}
