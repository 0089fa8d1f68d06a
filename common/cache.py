"""Django's Redis cache, with one client object per connection pool instead of one per call.

Django's RedisCacheClient builds a new redis.Redis for every operation, and redis-py builds its
table of response callbacks anew each time: a third of what a page from the page cache cost.
A client is safe to reuse (its pool hands out the connections), and Django keeps one cache
object per thread.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
