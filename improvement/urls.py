"""Staff URLs of the improvement app, under /staff/improvement/."""

from django.urls import path

from . import views

app_name = "improvement"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("objectives/", views.objectives, name="objectives"),
    path("objectives/new/", views.objective_edit, name="objective_add"),
    path("objectives/<int:pk>/", views.objective_edit, name="objective_edit"),
    path("objectives/<int:pk>/delete/", views.objective_delete, name="objective_delete"),
]
