"""Staff URLs of the improvement app, under /staff/improvement/."""

app_name = "improvement"

urlpatterns: list = []
