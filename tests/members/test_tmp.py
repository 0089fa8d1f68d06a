from django.urls import reverse
from tests.access.members import EXPECTATIONS, objects
from tests.access.expect import USERS
def test_x(cast):
    o = objects(cast)
    clients = {who: cast.client(who) for who in USERS}
    for name, (kw, exp) in EXPECTATIONS.items():
        url = reverse(name, kwargs=kw(o) if kw else None)
        row = []
        for who in USERS:
            r = clients[who].get(url)
            row.append(f"{r.status_code}{('>'+r['Location']) if r.status_code==302 else ''}")
        print(name, exp, row)
